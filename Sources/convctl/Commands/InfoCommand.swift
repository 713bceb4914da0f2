import ArgumentParser
import ConvdClient

/// `convctl info`: version, methods, uptime, paths, counters.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show convd's version, paths, methods and counters.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let r = try await global.withClient { try await $0.info(timeout: global.callTimeout) }
        var fields: [(String, String)] = [
            ("version", r.version), ("api_version", r.apiVersion), ("pid", "\(r.pid)"),
            ("uptime", "\(r.uptimeMs / 1000)s"), ("started_at", isoTime(r.startedAtMs)),
            ("socket", r.socketPath), ("database", r.databasePath), ("durability", r.durability),
            ("your_role", r.callerRole),
        ]
        fields += r.counters.map { ("counter \($0.name)", "\($0.value)") }
        fields += r.methods.map { ("method", $0) }
        try Renderer(format: global.format).one(r, fields: fields)
    }
}
