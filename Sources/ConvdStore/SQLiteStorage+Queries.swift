import ConvdCore
import GRDB

extension SQLiteStorage {
    /// A conversion with its version history and instalments.
    public func conversion(id: String) async throws(ConvdError) -> (Conversion, history: [ConversionVersion], instalments: [Instalment]) {
        let found = try await read("reading conversion") { db -> (Conversion, [ConversionVersion], [Instalment])? in
            guard let c = try ConversionRecord.byID(id, in: db) else { return nil }
            return (c, try ConversionRecord.versions(of: id, in: db).filter { $0.version < c.version },
                    try InstalmentRecord.all(of: id, in: db))
        }
        guard let found else { throw .notFound("no conversion '\(id)'") }
        return found
    }

    /// A page of conversions in creation order, after `afterSeq`.
    public func listConversions(_ filter: ConversionFilter, afterSeq: Int64, limit: Int) async throws(ConvdError) -> [(seq: Int64, conversion: Conversion)] {
        try await read("listing conversions") { db in
            guard let start = try TimeFloor.startSeq(after: afterSeq, table: "conversion", time: "created_at_ms",
                                                     fromMs: filter.fromMs, in: db) else { return [] }
            var w = ConversionWhere(filter, timeIndexed: false)
            w.add("seq >= ?", start)
            return try Row.fetchAll(db, sql: "SELECT \(ConversionRecord.columns) FROM conversion \(w.sql) ORDER BY seq LIMIT ?",
                                    arguments: StatementArguments(w.arguments + [limit])).map { row in
                (row["seq"] as Int64, try ConversionRecord.conversion(from: row))
            }
        }
    }

    /// A page of feedback events in order, after `afterSeq`.
    public func listEvents(_ filter: EventFilter, afterSeq: Int64, limit: Int) async throws(ConvdError) -> [FeedbackEvent] {
        try await read("listing events") { db in
            guard let start = try TimeFloor.startSeq(after: afterSeq, table: "feedback_event", time: "received_at_ms",
                                                     fromMs: filter.fromMs, in: db) else { return [] }
            var (clauses, args) = Self.eventClauses(filter)
            clauses.insert("seq >= ?", at: 0)
            args.insert(start, at: 0)
            return try Row.fetchAll(db, sql: "SELECT * FROM feedback_event WHERE \(clauses.joined(separator: " AND ")) ORDER BY seq LIMIT ?",
                                    arguments: StatementArguments(args + [limit])).map(EventRecord.event(from:))
        }
    }

    /// A page of feedback events newest first, before `beforeSeq` (0: from the newest).
    public func listEventsNewestFirst(_ filter: EventFilter, beforeSeq: Int64, limit: Int) async throws(ConvdError) -> [FeedbackEvent] {
        try await read("listing events") { db in
            guard let start = try TimeFloor.startSeq(after: 0, table: "feedback_event", time: "received_at_ms",
                                                     fromMs: filter.fromMs, in: db) else { return [] }
            var (clauses, args) = Self.eventClauses(filter)
            clauses.insert("seq >= ?", at: 0)
            args.insert(start, at: 0)
            if beforeSeq > 0 { clauses.insert("seq < ?", at: 0); args.insert(beforeSeq, at: 0) }
            return try Row.fetchAll(db, sql: "SELECT * FROM feedback_event WHERE \(clauses.joined(separator: " AND ")) ORDER BY seq DESC LIMIT ?",
                                    arguments: StatementArguments(args + [limit])).map(EventRecord.event(from:))
        }
    }

    /// The WHERE clauses of an event filter but the seq bounds. Time bounds are written `+column`
    /// so SQLite walks seq (or the recipient/outcome index) instead of the time index.
    static func eventClauses(_ filter: EventFilter) -> ([String], [any DatabaseValueConvertible]) {
        var clauses: [String] = []
        var args: [any DatabaseValueConvertible] = []
        if !filter.outcomes.isEmpty {
            clauses.append("outcome IN (\(filter.outcomes.map { _ in "?" }.joined(separator: ",")))")
            args += filter.outcomes.map(\.rawValue)
        }
        if !filter.recipientID.isEmpty { clauses.append("recipient_id = ?"); args.append(filter.recipientID) }
        if !filter.sourceID.isEmpty { clauses.append("source_id = ?"); args.append(filter.sourceID) }
        if filter.fromMs > 0 { clauses.append("+received_at_ms >= ?"); args.append(filter.fromMs) }
        if filter.toMs > 0 { clauses.append("+received_at_ms < ?"); args.append(filter.toMs) }
        return (clauses, args)
    }

    /// The seq of the newest event, 0 when none.
    public func latestEventSeq() async throws(ConvdError) -> Int64 {
        try await read("reading events") { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM feedback_event") ?? 0 }
    }
}
