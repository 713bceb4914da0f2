import ConvdCore
import GRDB

extension SQLiteStorage {
    /// A source's statement for `month` in `timeZone`, from the statement aggregates: the month's
    /// own figures (for a closed month, only what was written before it closed), the prior-period
    /// adjustments booked into it, what is owed, and, with `detail`, a page of its leads.
    /// - Throws: `notFound` for an unknown source, `invalid` for a bad month, zone or page token,
    ///   `failedPrecondition` when the source's months were closed in another zone.
    public func statement(sourceID: String, month: String, timeZone: String, detail: Bool = false, pageSize: Int = 100,
                          pageToken: String = "") async throws(ConvdError) -> VendorStatement {
        let after = try StatementReader.detailCursor(pageToken)
        return try await read("building a statement") { db in
            try StatementReader.statement(sourceID: sourceID, month: month, timeZone: timeZone, detail: detail, pageSize: pageSize,
                                          after: after, in: db)
        }
    }

    /// Closes a source's month: from now on its statement never changes, and later changes to its
    /// leads are booked into the next open month. The month must have ended; every month of a
    /// source closes in one zone.
    /// - Throws: `notFound`, `invalid`, or `failedPrecondition` (not ended, closed already, another zone).
    public func closeMonth(sourceID: String, month: String, timeZone: String, actor: String,
                           idempotency: IdempotencyClaim?) async throws(ConvdError) -> StatementClose {
        let now = clock.nowMs()
        return try await idempotentWrite("Sources/CloseMonth", idempotency, nowMs: now) { db in
            try StatementReader.close(sourceID: sourceID, month: month, timeZone: timeZone, actor: actor, nowMs: now, in: db)
        }
    }

    /// Every statement aggregate row as stored (close counts summed away) and as recomputed from
    /// the tables, without zero rows and sorted alike: equal when the triggers kept them exact.
    public func statementBucketsStoredAndRecomputed() async throws(ConvdError) -> (stored: [String], recomputed: [String]) {
        try await read("checking the statement aggregates") { db in
            let sums = StatementBucketSQL.counters.map { "sum(\($0)) AS \($0)" }.joined(separator: ", ")
            let keys = StatementBucketSQL.keys.filter { $0 != "epoch" }.joined(separator: ", ")
            func lines(_ sql: String) throws -> [String] {
                try Row.fetchAll(db, sql: sql).map { r in
                    (StatementBucketSQL.keys.filter { $0 != "epoch" } + StatementBucketSQL.counters).map { "\(r[$0] ?? "")" }.joined(separator: "|")
                }.filter { line in !line.hasSuffix("|0|0|0|0|0") }.sorted()
            }
            return (try lines("SELECT /* full pass */ \(keys), \(sums) FROM statement_bucket GROUP BY \(keys)"),
                    try lines("SELECT \(keys), \(sums) FROM (\(StatementBucketSQL.raw)) GROUP BY \(keys)"))
        }
    }
}

extension SQLiteStorage {
    /// A source's statement lines for leads delivered in [fromMs, toMs) (all time by default),
    /// summed from the rows, not the aggregates, and named with no month: what every statement
    /// of the source adds up to, and the baseline of the statement bench.
    public func statementTotalsFromRows(sourceID: String, fromMs: Int64 = 0, toMs: Int64 = .max) async throws(ConvdError) -> [StatementLine] {
        try await read("summing a source's rows") { db in
            let sql = "SELECT * FROM (\(StatementBucketSQL.raw)) WHERE source_id = ? AND bucket_ms >= ? AND bucket_ms < ?"
            let facts = try Row.fetchAll(db, sql: sql, arguments: [sourceID, fromMs, toMs]).map { try StatementReader.fact($0, epoch: 0) }
            return try StatementBuilder.lines(facts, leadMonth: "")
        }
    }
}
