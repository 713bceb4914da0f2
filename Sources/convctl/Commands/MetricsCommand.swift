import ArgumentParser
import ConvdClient

/// `convctl metrics`: the daemon's metrics in the Prometheus text format, as the HTTP listener serves them.
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "Print convd's metrics (Prometheus text format).")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let text = try await global.withClient { try await $0.metrics(timeout: global.callTimeout) }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}
