import ArgumentParser
import ConvdClient
import ConvdProto

/// `convctl metrics`: the daemon's metrics in the Prometheus text format, as the HTTP listener serves them.
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "Print convd's metrics (Prometheus text format).")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let text = try await global.withClient { try await $0.metrics(timeout: global.callTimeout) }
        if global.output == .json {
            var r = Convd_V1_MetricsResponse()
            r.text = text
            print(try r.jsonString(options: Renderer.jsonOptions))
            return
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}
