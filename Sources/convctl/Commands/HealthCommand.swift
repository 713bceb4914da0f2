import ArgumentParser
import ConvdClient

/// `convctl health`: is convd serving? With `--ready`, can it also commit and forward?
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Check that convd answers (--ready: that it can also commit and forward).")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Readiness: a commit through the writer and a running forwarding worker; exits 1 when NOT_SERVING.")
    var ready = false
    @Option(help: "Wait up to this many seconds for convd to start answering (for scripts that start it).")
    var wait: Double = 0

    func validate() throws {
        guard wait >= 0, wait <= 3600 else { throw ValidationError("--wait must be 0 to 3600 seconds") }
    }

    func run() async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int64(wait * 1000))
        while ContinuousClock.now < deadline {
            if let probe = try? await ConvdClient.connect(socketPath: global.socket, connectTimeout: .seconds(1)) {
                await probe.close()
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let r = try await global.withClient { client in
            try await ready ? client.readiness(timeout: global.callTimeout) : client.health(timeout: global.callTimeout)
        }
        try Renderer(format: global.format).one(r, fields: [("status", r.status)] + r.problems.map { ("problem", $0) })
        if r.status != "SERVING" { throw ExitCode(1) }
    }
}
