import ConvdCore
import GRDB

/// The stats aggregates computed from the tables themselves, at any bucket size and for any time
/// range: the same contributions the triggers apply, summed by a GROUP BY. Reads the edges of a
/// range that whole hours do not cover, fills `stats_bucket` in the migration, is what the
/// aggregates are checked against, and is the full-scan baseline of the stats bench.
struct StatsRawQuery {
    /// Bucket size in ms.
    var granularityMs: Int64
    /// [fromMs, toMs) on each row's own time; nil is open.
    var fromMs: Int64?
    var toMs: Int64?
    var recipientID = ""
    var sourceID = ""
    var eventID = ""
    /// Narrows conversions only, as stats always have.
    var clickID = ""
    var includeTest = true

    /// The statement (`?` placeholders; SQL both backends run) and its arguments.
    var statement: (sql: String, arguments: [any DatabaseValueConvertible]) {
        var parts: [String] = []
        var args: [any DatabaseValueConvertible] = []
        let g = granularityMs
        func part(_ c: StatsBucketSQL.Contribution, alias: String, time: String, table: String, extra: [String] = [], extraArgs: [any DatabaseValueConvertible] = [],
                  groupBy: String? = nil) {
            var clauses = [c.condition] + extra
            var values = extraArgs
            if let fromMs { clauses.append("\(alias).\(time) >= ?"); values.append(fromMs) }
            if let toMs { clauses.append("\(alias).\(time) < ?"); values.append(toMs) }
            if !recipientID.isEmpty { clauses.append("\(alias).recipient_id = ?"); values.append(recipientID) }
            if !sourceID.isEmpty { clauses.append("\(alias).source_id = ?"); values.append(sourceID) }
            if !eventID.isEmpty { clauses.append("\(alias).event_id = ?"); values.append(eventID) }
            if !includeTest { clauses.append("\(alias).test = 0") }
            let counters = StatsBucketSQL.counters.map { "\(c.counters[$0] ?? "0") AS \($0)" }
            let keys = zip(c.keys, StatsBucketSQL.keys).map { "\($0) AS \($1)" }
            parts.append("SELECT \((keys + counters).joined(separator: ", ")) FROM \(table) WHERE \(clauses.joined(separator: " AND "))"
                         + (groupBy.map { " GROUP BY \($0)" } ?? ""))
            args += values
        }
        part(StatsBucketSQL.delivery("d", g), alias: "d", time: "delivered_at_ms", table: "delivery d")
        part(StatsBucketSQL.cost("d", g), alias: "d", time: "delivered_at_ms", table: "delivery d")
        part(Self.converted(byType: false, g), alias: "d", time: "delivered_at_ms", table: "delivery d",
             extra: ["EXISTS (SELECT 1 FROM conversion c WHERE c.event_id = d.event_id AND \(StatsBucketSQL.counted("c")))"])
        part(Self.converted(byType: true, g), alias: "d", time: "delivered_at_ms",
             table: "delivery d JOIN conversion c ON c.event_id = d.event_id AND \(StatsBucketSQL.counted("c"))",
             groupBy: "d.event_id, c.conversion_type, c.type_key")
        part(StatsBucketSQL.conversion("c", g), alias: "c", time: "created_at_ms", table: "conversion c",
             extra: clickID.isEmpty ? [] : ["c.click_id = ? AND c.click_id <> ''"], extraArgs: clickID.isEmpty ? [] : [clickID])
        part(StatsBucketSQL.returned("r", g), alias: "r", time: "returned_at_ms", table: "delivery_return r")
        part(StatsBucketSQL.credit("r", "d", g), alias: "r", time: "returned_at_ms", table: "delivery_return r JOIN delivery d ON d.event_id = r.event_id")
        part(StatsBucketSQL.rejectedFeedback("e", g), alias: "e", time: "received_at_ms", table: "feedback_event e")
        let pass = fromMs == nil && toMs == nil && eventID.isEmpty ? "/* full pass */ " : ""
        let sql = """
            SELECT \(pass)\(StatsBucketSQL.keys.joined(separator: ", ")), \(StatsBucketSQL.counters.map { "CAST(sum(\($0)) AS BIGINT) AS \($0)" }.joined(separator: ", "))
            FROM (\(parts.joined(separator: "\nUNION ALL "))) AS facts GROUP BY \(StatsBucketSQL.keys.joined(separator: ", "))
            """
        return (sql, args)
    }

    /// A delivery converted by some counted conversion `c` (joined or tested by the caller).
    private static func converted(byType: Bool, _ g: Int64) -> StatsBucketSQL.Contribution {
        StatsBucketSQL.Contribution(
            keys: [StatsBucketSQL.bucket("d.delivered_at_ms", g), "d.recipient_id", "d.source_id", byType ? "c.conversion_type" : "''",
                   byType ? "c.type_key" : "''", "''", "d.test", "''"],
            counters: [byType ? "converted" : "converted_any": "1"], from: nil, condition: "TRUE")
    }

    /// The rows, decoded.
    func facts(_ db: Database) throws -> [StatsFact] {
        let (sql, arguments) = statement
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(StatsFact.init(row:))
    }
}

extension StatsRawQuery {
    /// The query computing `query`'s stats from the rows alone: minutes when a period grouping
    /// needs them; otherwise one bucket for all time, so it groups no finer than the query asks.
    init(rowsFor query: StatsQuery) {
        let f = query.filter
        self.init(granularityMs: query.groupsByPeriod ? 60_000 : 1 << 62, fromMs: f.fromMs > 0 ? f.fromMs : nil,
                  toMs: f.toMs > 0 ? f.toMs : nil, recipientID: f.recipientID, sourceID: f.sourceID, eventID: f.eventID,
                  clickID: f.clickID, includeTest: f.includeTest)
    }
}

extension StatsFact {
    /// A `stats_bucket`-shaped row, of either backend.
    init(row r: some StoredRow) throws {
        self.init(bucketMs: try r.value("bucket_ms"), recipientID: try r.value("recipient_id"), sourceID: try r.value("source_id"),
                  conversionType: try r.value("conversion_type"), typeKey: try r.value("type_key"), status: try r.value("status"),
                  test: try r.value("test"), currency: try r.value("currency") as String? ?? "")
        deliveries = try r.value("deliveries"); convertedAny = try r.value("converted_any"); converted = try r.value("converted")
        cost = try r.value("cost"); costN = try r.value("cost_n"); credits = try r.value("credits"); creditN = try r.value("credit_n")
        returns = try r.value("returns"); conversions = try r.value("conversions"); flagged = try r.value("flagged")
        approved = try r.value("approved"); approvedN = try r.value("approved_n"); pending = try r.value("pending")
        pendingN = try r.value("pending_n"); rejectedFeedback = try r.value("rejected_feedback")
    }
}
