import ConvdCore
import GRDB

extension PostgresStorage {
    /// A conversion with its version history and instalments.
    public func conversion(id: String) async throws(ConvdError) -> (Conversion, history: [ConversionVersion], instalments: [Instalment]) {
        let found = try await transaction("reading conversion") { tx -> (Conversion, [ConversionVersion], [Instalment])? in
            let store = PostgresFeedbackStore(tx: tx)
            guard let c = try store.conversion(id: id) else { return nil }
            let versions = try tx.rows("SELECT * FROM conversion_version WHERE conversion_id = $1 ORDER BY version", [.text(id)])
                .map { try ConversionRecord.version(from: $0, conversionID: id) }
            return (c, versions.filter { $0.version < c.version }, try store.instalments(of: id))
        }
        guard let found else { throw .notFound("no conversion '\(id)'") }
        return found
    }

    /// A page of conversions in creation order, after `afterSeq`.
    public func listConversions(_ filter: ConversionFilter, afterSeq: Int64, limit: Int) async throws(ConvdError) -> [(seq: Int64, conversion: Conversion)] {
        var w = ConversionWhere(filter)
        w.add("seq > ?", afterSeq)
        let sql = PostgresSQL.numbered("SELECT \(ConversionRecord.columns) FROM conversion \(w.sql) ORDER BY seq LIMIT ?")
        let binds = w.arguments.map(PostgresSQL.bind) + [.int(limit)]
        let rows = try await transaction("listing conversions") { tx in
            try tx.rows(sql, binds).map { row in (try row.value("seq") as Int64, try ConversionRecord.conversion(from: row)) }
        }
        return rows.map { (seq: $0.0, conversion: $0.1) }
    }

    /// A page of feedback events in order, after `afterSeq`.
    public func listEvents(_ filter: EventFilter, afterSeq: Int64, limit: Int) async throws(ConvdError) -> [FeedbackEvent] {
        var (clauses, args) = SQLiteStorage.eventClauses(filter)
        clauses.insert("seq > ?", at: 0)
        args.insert(afterSeq, at: 0)
        return try await events("\(clauses.joined(separator: " AND ")) ORDER BY seq", args, limit: limit)
    }

    /// A page of feedback events newest first, before `beforeSeq` (0: from the newest).
    public func listEventsNewestFirst(_ filter: EventFilter, beforeSeq: Int64, limit: Int) async throws(ConvdError) -> [FeedbackEvent] {
        var (clauses, args) = SQLiteStorage.eventClauses(filter)
        clauses.insert("seq < ?", at: 0)
        args.insert(beforeSeq > 0 ? beforeSeq : Int64.max, at: 0)
        return try await events("\(clauses.joined(separator: " AND ")) ORDER BY seq DESC", args, limit: limit)
    }

    private func events(_ whereOrder: String, _ args: [any DatabaseValueConvertible], limit: Int) async throws(ConvdError) -> [FeedbackEvent] {
        let sql = PostgresSQL.numbered("SELECT * FROM feedback_event WHERE \(whereOrder) LIMIT ?")
        let binds = args.map(PostgresSQL.bind) + [.int(limit)]
        return try await transaction("listing events") { tx in
            try Self.eventHorizon(tx)
            return try tx.rows(sql, binds).map(EventRecord.event(from:))
        }
    }

    /// The advisory lock that keeps readers of the event log behind writers in flight.
    /// Per schema, so deployments sharing a database do not wait for each other's writers.
    static let eventLogLock = "hashtextextended('convd-events:' || current_schema(), 0)"

    /// Waits until no transaction holds an uncommitted event, and keeps new ones out until this
    /// transaction ends: the next statement sees the log with no gap that could fill in later.
    /// A seq is in commit order only this way (SQLite serializes writers; PostgreSQL does not).
    static func eventHorizon(_ tx: PostgresTransaction) throws {
        try tx.run("SELECT pg_advisory_xact_lock(\(eventLogLock))")
    }

    /// The seq of the newest event, 0 when none.
    public func latestEventSeq() async throws(ConvdError) -> Int64 {
        try await transaction("reading events") { tx in
            try Self.eventHorizon(tx)
            return try tx.value(Int64.self, "SELECT coalesce(max(seq), 0) FROM feedback_event") ?? 0
        }
    }
}
