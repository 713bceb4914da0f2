import GRDB

/// Turns a time lower bound into a seq lower bound, so a list filtered by time walks its table in
/// seq order from about the right place instead of from seq 0.
///
/// Rows get their seq at commit and their time just before, so seq order and time order agree
/// except for writes that waited in the writer's queue: a later-stamped write can commit first.
/// The floor is therefore taken `skewMs` (30 s, far beyond a queue wait: at most 10,000 queued
/// writes drain in a few seconds) before the asked time; the exact time condition is still
/// applied to every row. The rows inside that margin are what a time-range list reads in vain
/// (the growth bench: 58 ms at 1M conversions with a 10-minute margin at 9,000 writes/s).
enum TimeFloor {
    /// How far before `fromMs` the floor is taken.
    static let skewMs: Int64 = 30_000

    /// The lowest seq worth reading for rows at or after `fromMs`; nil when no row is that recent.
    static func seq(table: String, time: String, fromMs: Int64, in db: Database) throws -> Int64? {
        guard try Int64.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE \(time) >= ? LIMIT 1", arguments: [fromMs]) != nil else {
            return nil
        }
        let (start, overflow) = fromMs.subtractingReportingOverflow(skewMs)
        return try Int64.fetchOne(db, sql: "SELECT seq FROM \(table) WHERE \(time) >= ? ORDER BY \(time) LIMIT 1",
                                  arguments: [overflow ? Int64.min : start])
    }
}
