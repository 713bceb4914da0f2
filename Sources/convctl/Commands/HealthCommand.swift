import ArgumentParser
import ConvdClient

/// `convctl health`: is convd serving?
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "health", abstract: "Check that convd answers.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let r = try await global.withClient { try await $0.health(timeout: global.callTimeout) }
        try Renderer(format: global.format).one(r, fields: [("status", r.status)])
    }
}
