import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdWire
import Foundation

/// `convctl source statement` and `convctl source close-month`: monthly vendor statements.
enum StatementCommand {
    /// Prints a statement: its lines (own, then prior-period), what is owed, and with details its leads.
    static func render(_ s: Convd_V1_StatementResponse, details: [Convd_V1_StatementDetail], format: OutputFormat) throws {
        if format == .json || format == .yaml {
            var whole = s
            whole.details = details
            whole.nextPageToken = ""
            try Renderer(format: format).one(whole, fields: [])
            return
        }
        func section(_ x: Convd_V1_StatementSection) -> String {
            switch x {
            case .leads: "leads"
            case .returns: "returns"
            case .conversions: "conversions"
            case .unspecified, .UNRECOGNIZED: "?"
            }
        }
        var lines = s.lines + s.priorPeriod
        var owed = Convd_V1_StatementLine()
        owed.label = "OWED"
        for m in s.owed {
            owed.amount = m
            lines.append(owed)
        }
        if format == .table {
            let closed = s.hasClosed ? "closed \(isoTime(s.closed.closedAtMs)) by \(s.closed.closedBy)" : "open"
            print("source \(s.sourceID), \(s.month) (\(s.timeZone)), \(closed)")
        }
        let isOwed: (Convd_V1_StatementLine) -> Bool = { $0.label == "OWED" && $0.section == .unspecified }
        var columns: [(String, (Convd_V1_StatementLine) -> String)] = []
        columns.append(("SECTION", { isOwed($0) ? "owed" : section($0.section) }))
        columns.append(("LABEL", { isOwed($0) ? "" : $0.label }))
        columns.append(("LEAD_MONTH", { $0.leadMonth }))
        columns.append(("COUNT", { isOwed($0) ? "" : String($0.count) }))
        columns.append(("AMOUNT", { $0.hasAmount ? MoneyText.text($0.amount) : "" }))
        columns.append(("PENDING", { $0.hasPending ? MoneyText.text($0.pending) : "" }))
        try Renderer(format: format).list(lines, key: "lines", columns: columns)
        guard !details.isEmpty else { return }
        if format == .table { print("") }
        try Renderer(format: format).list(details, key: "details", columns: [
            ("EVENT_ID", \.eventID), ("RECIPIENT", \.recipientID), ("DELIVERED_AT", { isoTime($0.deliveredAtMs) }),
            ("COST", { $0.hasCost ? MoneyText.text($0.cost) : "" }), ("RETURN", \.returnReason),
            ("RETURN_EVENT", { $0.returnFeedbackSeq == 0 ? "" : "\($0.returnFeedbackSeq)" }),
            ("CONVERSIONS", { $0.conversionIds.joined(separator: " ") }),
            ("REVENUE", { $0.revenue.map(MoneyText.text).joined(separator: " + ") }),
        ])
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "statement", abstract: "A source's monthly vendor statement: leads and cost, returns and credits, conversions and revenue, what is owed.",
            discussion: "Figures come from the month's leads (by delivery time in the zone). Changes to leads of an earlier closed month that arrived after it closed appear as prior-period lines naming that month.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The source.") var id: String
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(name: .customLong("tz"), help: "IANA time zone of the month's boundaries; default: the zone the source's months were closed in, else UTC.")
        var timeZone = ""
        @Flag(help: "Also list every lead of the month with its event ID, return and conversions.") var detail = false

        func run() async throws {
            var r = Convd_V1_StatementRequest()
            r.sourceID = id
            r.month = month
            r.timeZone = timeZone
            r.detail = detail
            r.pageSize = 1_000
            let first = r
            let (statement, details) = try await global.withClient { client in
                var page = try await client.statement(first)
                var details = page.details
                var next = first
                while !page.nextPageToken.isEmpty {
                    next.pageToken = page.nextPageToken
                    page = try await client.statement(next)
                    details += page.details
                }
                return (page, details)
            }
            try StatementCommand.render(statement, details: details, format: global.format)
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close-month", abstract: "Close a source's month (admin): its statement never changes again.",
            discussion: "The month must have ended. Returns, cost corrections and conversions that arrive later for its leads appear in the next open month's statement as prior-period lines. Every month of a source closes in one time zone.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The source.") var id: String
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(name: .customLong("tz"), help: "IANA time zone of the month's boundaries; default: the zone earlier months were closed in, else UTC.")
        var timeZone = ""
        @Option(help: "Idempotency key: a retry with the same key answers the same.") var idempotencyKey = ""

        func run() async throws {
            let s = try await global.withClient { try await $0.closeMonth(sourceID: id, month: month, timeZone: timeZone, idempotencyKey: idempotencyKey) }
            try StatementCommand.render(s, details: [], format: global.format)
        }
    }
}
