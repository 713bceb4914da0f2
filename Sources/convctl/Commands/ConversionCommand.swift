import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdWire
import Foundation

/// `convctl conversion get|list|stats`.
struct ConversionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conversion", abstract: "Query conversions and stats.", subcommands: [Get.self, List.self, Stats.self])

    static func fields(_ c: Convd_V1_Conversion) -> [(String, String)] {
        [("conversion_id", c.id), ("type", c.conversionType), ("mode", ModeName.name(c.mode)), ("status", StatusName.name(c.status)),
         ("amount", MoneyText.text(c.amount)), ("approved", MoneyText.text(c.approvedAmount)), ("pending", MoneyText.text(c.pendingAmount)),
         ("negative", c.negative ? "yes (flagged, not a conversion)" : "no"), ("version", "\(c.version)"), ("postbacks", "\(c.postbackCount)"), ("reason", c.reason),
         ("recipient", c.recipientID), ("source", c.sourceID), ("event_id", c.eventID), ("click_id", c.clickID),
         ("transaction_id", c.transactionID), ("created_at", isoTime(c.createdAtMs)), ("updated_at", isoTime(c.updatedAtMs))]
    }

    static var columns: [(String, (Convd_V1_Conversion) -> String)] {
        [("ID", \.id), ("TYPE", \.conversionType), ("STATUS", { StatusName.name($0.status) }), ("AMOUNT", { MoneyText.text($0.amount) }),
         ("V", { "\($0.version)" }), ("RECIPIENT", \.recipientID), ("SOURCE", \.sourceID), ("EVENT_ID", \.eventID),
         ("CREATED", { isoTime($0.createdAtMs) })]
    }

    /// Filter flags shared by list and stats.
    struct Filter: ParsableArguments {
        @Option var recipient = ""
        @Option var source = ""
        @Option var type = ""
        @Option var clickId = ""
        @Option var eventId = ""
        @Option(name: .customLong("status"), help: "PENDING, APPROVED, REJECTED or RETRACTED; repeatable.") var statuses: [String] = []
        @Option(help: "From (Unix ms, inclusive).") var fromMs: Int64 = 0
        @Option(help: "To (Unix ms, exclusive).") var toMs: Int64 = 0
        @Option(help: "Created since: 90s, 30m, 24h, 7d back from now, or an ISO 8601 UTC time.") var since: String?
        @Flag(help: "Include test deliveries.") var includeTest = false

        func proto() throws -> Convd_V1_ConversionFilter {
            var f = Convd_V1_ConversionFilter()
            f.recipientID = recipient
            f.sourceID = source
            f.conversionType = type
            f.clickID = clickId
            f.eventID = eventId
            f.statuses = try statuses.map(StatusName.parse)
            f.fromMs = try since.map { try TimeArgument.ms($0, flag: "--since") } ?? fromMs
            f.toMs = toMs
            f.includeTest = includeTest
            return f
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a conversion and its history.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run() async throws {
            let c = try await global.withClient { try await $0.conversion(id: id) }
            let history = c.history.map { v in
                ("v\(v.version)", "\(OutcomeName.name(v.cause)) \(StatusName.name(v.status)) \(MoneyText.text(v.amount)) \(v.reason) by \(v.actor) at \(isoTime(v.recordedAtMs))")
            }
            let instalments = c.instalments.map { i in
                ("#\(i.number)", "\(i.transactionID.isEmpty ? "-" : i.transactionID) \(StatusName.name(i.status)) \(MoneyText.text(i.amount)) at \(isoTime(i.occurredAtMs)) (v\(i.version))")
            }
            try Renderer(format: global.format).one(c, fields: ConversionCommand.fields(c) + instalments + history)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List conversions, oldest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filter: Filter
        @Option(help: "Most rows (all pages are followed up to this).") var limit = 1000

        func run() async throws {
            var request = Convd_V1_ListConversionsRequest()
            request.filter = try filter.proto()
            request.pageSize = UInt32(min(limit, 1000))
            let rows = try await global.withClient { [request, limit] client in
                try await client.allPages(Methods.listConversions, request, pageToken: \.pageToken,
                                          items: { (p: Convd_V1_ListConversionsResponse) in p.conversions },
                                          next: \.nextPageToken, limit: limit)
            }
            try Renderer(format: global.format).list(rows, key: "conversions", columns: ConversionCommand.columns)
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliveries, conversions, values, returns, cost and ROI, grouped.",
            discussion: "Spend figures are per currency and never mixed: where cost and revenue are in different currencies, PROFIT and ROI are empty (n/a) and -o json says why (roi_note).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var filter: Filter
        @Option(help: "One or two of recipient, source, type, day, week, month, comma-separated (source,month); or none.")
        var groupBy = "none"
        @Option(name: .customLong("tz"), help: "IANA time zone of day, week and month boundaries (Europe/Berlin); UTC when not given.")
        var timeZone = ""

        static func grouping(_ name: String) throws -> Convd_V1_StatsGrouping {
            switch name.lowercased() {
            case "none", "": .unspecified
            case "recipient": .recipient
            case "source": .source
            case "type": .type
            case "day": .day
            case "week": .week
            case "month": .month
            default: throw ValidationError("unknown --group-by '\(name)'; use recipient, source, type, day, week or month")
            }
        }

        func run() async throws {
            let names = groupBy.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard names.count <= 2 else { throw ValidationError("--group-by takes at most two groupings, not \(names.count)") }
            var r = Convd_V1_StatsRequest()
            r.filter = try filter.proto()
            r.groupBy = try Self.grouping(names.first ?? "none")
            if names.count == 2 { r.thenBy = try Self.grouping(names[1]) }
            r.timeZone = timeZone
            let request = r
            let rows = try await global.withClient { try await $0.stats(request) }
            func values(_ m: [Convd_V1_Money]) -> String { m.map(MoneyText.text).joined(separator: " + ") }
            var columns: [(String, (Convd_V1_StatsRow) -> String)] = [("GROUP", { $0.group.isEmpty ? "all" : $0.group })]
            if names.count == 2 { columns.append((names[1].uppercased(), { $0.subgroup })) }
            try Renderer(format: global.format).list(rows, key: "rows", columns: columns + [
                ("DELIVERIES", { "\($0.deliveries)" }),
                ("CONVERSIONS", { "\($0.conversions)" }), ("CONVERTED", { "\($0.convertedDeliveries)" }),
                ("RATE", { String(format: "%.1f%%", $0.conversionRate * 100) }), ("FLAGGED", { "\($0.flagged)" }),
                ("APPROVED", { values($0.approvedValue) }), ("PENDING", { values($0.pendingValue) }),
                ("RETURNS", { "\($0.returns)" }), ("RETURN_RATE", { String(format: "%.1f%%", $0.returnRate * 100) }),
                ("REJECTED_FB", { "\($0.rejectedFeedback)" }), ("RETRACTED", { "\($0.retractedConversions)" }),
                ("COST", { values($0.cost) }), ("CREDITS", { values($0.credits) }), ("NET_SPEND", { values($0.netSpend) }),
                ("PROFIT", { values($0.profit) }),
                ("ROI", { row in
                    row.roi.isEmpty ? (row.roiNote.isEmpty || row.cost.isEmpty ? "" : "n/a")
                        : row.roi.map { String(format: "%.1f%%", $0.value * 100) + " " + $0.currency }.joined(separator: " + ")
                }),
                ("CPA", { values($0.costPerAcquisition) }), ("EPL", { values($0.earningsPerLead) }),
            ])
        }
    }
}
