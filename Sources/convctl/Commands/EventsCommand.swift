import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdWire
import Foundation

/// `convctl events list|watch`: every feedback received, with what happened to it.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "The feedback log.", subcommands: [List.self, Watch.self])

    static var columns: [(String, (Convd_V1_FeedbackEvent) -> String)] {
        [("SEQ", { "\($0.seq)" }), ("RECEIVED", { isoTime($0.receivedAtMs) }), ("KIND", kind), ("OUTCOME", { OutcomeName.name($0.outcome) }),
         ("RECIPIENT", \.recipientID), ("EVENT_ID", \.eventID), ("TYPE", \.feedback.conversionType),
         ("AMOUNT", { MoneyText.text($0.feedback.amount) }), ("CONVERSION", \.conversionID),
         ("DETAIL", { $0.status.code == 0 ? $0.detail : "\($0.status.message)" })]
    }

    /// CONVERSION or RETURN for a feedback, the adjustment's kind (RETRACT, RESTATE, ...) for a correction.
    static func kind(_ e: Convd_V1_FeedbackEvent) -> String {
        if e.hasAdjustment {
            return "\(e.adjustment.kind)".uppercased()
        }
        switch e.feedback.kind {
        case .conversion: return "CONVERSION"
        case .return: return "RETURN"
        default: return ""
        }
    }

    struct Filter: ParsableArguments {
        @Option(name: .customLong("outcome"), help: "Only this outcome (CREATED, REJECTED, FAILED, ...); repeatable.") var outcomes: [String] = []
        @Option var recipient = ""
        @Option var source = ""
        @Option(help: "From (Unix ms, inclusive).") var fromMs: Int64 = 0
        @Option(help: "To (Unix ms, exclusive).") var toMs: Int64 = 0
        @Option(help: "Received since: 90s, 30m, 24h, 7d back from now, or an ISO 8601 UTC time.") var since: String?

        func proto() throws -> Convd_V1_EventFilter {
            var f = Convd_V1_EventFilter()
            f.outcomes = try outcomes.map(OutcomeName.parse)
            f.recipientID = recipient
            f.sourceID = source
            f.fromMs = try since.map { try TimeArgument.ms($0, flag: "--since") } ?? fromMs
            f.toMs = toMs
            return f
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List feedback events, oldest first (--tail: the newest, newest first).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filter: Filter
        @Option(help: "Most rows.") var limit = 1000
        @Option(help: "Only the newest N events, newest first.") var tail: Int?

        func validate() throws {
            if let tail, tail < 1 { throw ValidationError("--tail must be at least 1") }
        }

        func run() async throws {
            var request = Convd_V1_ListEventsRequest()
            request.filter = try filter.proto()
            request.newestFirst = tail != nil
            let limit = tail ?? limit
            request.pageSize = UInt32(min(limit, 1000))
            let rows = try await global.withClient { [request, limit] client in
                try await client.allPages(Methods.listEvents, request, pageToken: \.pageToken,
                                          items: { (p: Convd_V1_ListEventsResponse) in p.events }, next: \.nextPageToken, limit: limit)
            }
            try Renderer(format: global.format).list(rows, key: "events", columns: EventsCommand.columns)
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print feedback events as they are committed, until interrupted.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filter: Filter
        @Option(help: "Start after this seq (default: only new events).") var afterSeq: UInt64 = 0

        func run() async throws {
            var request = Convd_V1_WatchEventsRequest()
            request.filter = try filter.proto()
            request.afterSeq = afterSeq
            let format = global.format
            try await global.withClient { client in
                if format == .table { print(EventsCommand.columns.map(\.0).joined(separator: "  ")) }
                for try await part in try client.watchEvents(request) {
                    let e = part.event
                    switch format {
                    case .json: print(try e.jsonString(options: Renderer.jsonOptions))
                    case .yaml: print("---\n" + (try Renderer.yaml(e)), terminator: "")
                    case .table, .csv: print(EventsCommand.columns.map { $0.1(e) }.joined(separator: format == .csv ? "," : "  "))
                    }
                    fflush(nil)
                }
            }
        }
    }
}
