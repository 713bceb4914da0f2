import GRDB

/// Turns a time lower bound into a seq lower bound, so a list filtered by time walks its table in
/// seq order from the right place instead of from seq 0.
///
/// Rows get their seq at commit and their time just before they queue for the writer, so seq
/// order and time order agree except for writes that waited in the queue: a later-stamped write
/// can commit first, but never more than `skewMs` later (30 s, far beyond a queue wait: at most
/// 10,000 queued writes drain in seconds). So if G is the first row stamped at or after the asked
/// time, the lowest seq among rows stamped at or after it belongs to a row stamped within
/// `skewMs` of G; that minimum is read from the time index alone (covering: the index holds the
/// rowid), and the exact time condition is still applied to every row of the list.
enum TimeFloor {
    /// The longest a write can wait between its time stamp and its commit.
    static let skewMs: Int64 = 30_000

    /// The lowest seq of rows at or after `fromMs`; nil when no row is that recent.
    static func seq(table: String, time: String, fromMs: Int64, in db: Database) throws -> Int64? {
        guard let first = try Int64.fetchOne(db, sql: "SELECT \(time) FROM \(table) WHERE \(time) >= ? ORDER BY \(time) LIMIT 1",
                                             arguments: [fromMs]) else { return nil }
        let (end, overflow) = first.addingReportingOverflow(skewMs)
        return try Int64.fetchOne(db, sql: "SELECT min(seq) FROM \(table) WHERE \(time) >= ? AND \(time) < ?",
                                  arguments: [first, overflow ? Int64.max : end])
    }

    /// The first seq a page should read: the one after `afterSeq` (a page token, at most
    /// Int64.max), raised to the time floor when `fromMs` is set. One bound, because with two
    /// ("seq > ? AND seq >= ?") SQLite seeks by one and filters by the other.
    /// - Returns: nil when no row is as recent as `fromMs` (an empty page).
    static func startSeq(after afterSeq: Int64, table: String, time: String, fromMs: Int64, in db: Database) throws -> Int64? {
        let next = afterSeq < .max ? afterSeq + 1 : .max
        guard fromMs > 0 else { return next }
        return try seq(table: table, time: time, fromMs: fromMs, in: db).map { max(next, $0) }
    }
}
