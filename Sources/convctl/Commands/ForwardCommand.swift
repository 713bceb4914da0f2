import ArgumentParser
import ConvdClient
import ConvdProto

/// `convctl forward list|retry`: the forwarding outbox.
struct ForwardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forward", abstract: "Inspect and retry forwards to sources.", subcommands: [List.self, Retry.self])

    static func stateName(_ s: Convd_V1_OutboxState) -> String {
        switch s {
        case .pending: "PENDING"
        case .sent: "SENT"
        case .dead: "DEAD"
        default: "UNSPECIFIED"
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List forwards, oldest first.")
        @OptionGroup var global: GlobalOptions
        @Option var source = ""
        @Option(help: "PENDING, SENT or DEAD.") var state: String?
        @Flag(help: "Show every attempt (time, status, body, duration).") var attempts = false
        @Option(help: "Most rows.") var limit = 1000

        func run() async throws {
            var r = Convd_V1_ListForwardsRequest()
            r.sourceID = source
            r.includeAttempts = attempts
            r.pageSize = UInt32(min(limit, 1000))
            switch state?.uppercased() {
            case nil: break
            case "PENDING": r.state = .pending
            case "SENT": r.state = .sent
            case "DEAD": r.state = .dead
            default: throw ValidationError("unknown --state '\(state!)'; use PENDING, SENT or DEAD")
            }
            let request = r
            let items = try await global.withClient { [limit] client in
                try await client.allPages(Methods.listForwards, request, pageToken: \.pageToken,
                                          items: { (p: Convd_V1_ListForwardsResponse) in p.items }, next: \.nextPageToken, limit: limit)
            }
            var columns: [(String, (Convd_V1_OutboxItem) -> String)] = [
                ("ID", { "\($0.id)" }), ("SOURCE", \.sourceID), ("KIND", \.kind), ("CONVERSION", \.conversionID),
                ("STATE", { ForwardCommand.stateName($0.state) }),
                ("ATTEMPTS", { "\($0.attempts)/\($0.maxAttempts)" }), ("LAST_STATUS", { "\($0.lastStatusCode)" }),
                ("NEXT_ATTEMPT", { isoTime($0.nextAttemptAtMs) }), ("LAST_ERROR", \.lastError),
            ]
            if attempts {
                columns.append(("ATTEMPT_LOG", { item in
                    item.attemptLog.map { "\(isoTime($0.atMs)) \($0.statusCode) \($0.durationMs)ms \($0.error) \($0.bodyPrefix.prefix(60))" }
                        .joined(separator: " | ")
                }))
            }
            try Renderer(format: global.format).list(items, key: "items", columns: columns)
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send DEAD forwards again: one by id, or all of a source's.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "One forward's id.") var id: UInt64?
        @Option(help: "Every DEAD forward of this source.") var source: String?

        func validate() throws {
            if (id == nil) == (source == nil) { throw ValidationError("give --id or --source") }
        }

        func run() async throws {
            var r = Convd_V1_RetryForwardsRequest()
            if let id { r.itemID = id } else if let source { r.sourceID = source }
            let request = r
            let got = try await global.withClient {
                try await $0.call(Methods.retryForwards, request, returning: Convd_V1_RetryForwardsResponse.self)
            }
            if global.output == .json { print(try got.jsonString(options: Renderer.jsonOptions)); return }
            print("queued \(got.retried) forward\(got.retried == 1 ? "" : "s") again")
        }
    }
}
