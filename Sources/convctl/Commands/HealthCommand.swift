import ArgumentParser
import ConvdClient

/// `convctl health`: is convd serving? With `--ready`, can it also commit and forward?
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Check that convd answers (--ready: that it can also commit and forward).")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Readiness: a commit through the writer and a running forwarding worker; exits 1 when NOT_SERVING.")
    var ready = false

    func run() async throws {
        let r = try await global.withClient { client in
            try await ready ? client.readiness(timeout: global.callTimeout) : client.health(timeout: global.callTimeout)
        }
        try Renderer(format: global.format).one(r, fields: [("status", r.status)] + r.problems.map { ("problem", $0) })
        if r.status != "SERVING" { throw ExitCode(1) }
    }
}
