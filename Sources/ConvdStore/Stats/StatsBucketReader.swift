import ConvdCore
import GRDB

/// Reads the aggregates for one stats query (whole UTC days from `stats_day`, the hours around them
/// from `stats_bucket`), summed in SQL down to the rows the fold needs:
/// one per recipient, source, type, status, test flag and currency, and per period (the whole hours
/// of each day, week or month in the query's time zone) when the query groups by one. So a read
/// costs the number of groups, not the number of hours. Hours a period boundary cuts (zones whose
/// offset is not a whole hour) are left out and returned, for the caller to read from rows.
struct StatsBucketReader {
    /// The query's period grouping, if any.
    let period: StatsGrouping?
    let labeler: PeriodLabeler
    /// Whole hours of the query's range: [lo, hi), either side open when nil.
    let lo: Int64?, hi: Int64?
    /// Conditions on recipient, source and test, with their values.
    let clauses: [String]
    let values: [any DatabaseValueConvertible]

    private static let hour = StatsBucketSQL.hourMs
    private static let nonTimeKeys = StatsBucketSQL.keys.filter { $0 != "bucket_ms" }
    private static let sums = StatsBucketSQL.counters.map { "sum(b.\($0)) AS \($0)" }.joined(separator: ", ")
    /// Ranges per statement: three bound values each, well under SQLite's limit on them.
    private static let rangesPerStatement = 500

    /// Adds the aggregates to `fold`; returns the hours a period boundary cuts, inside [lo, hi).
    /// - Throws: a `DatabaseError` with "integer overflow" when a group's SQL sum passes Int64;
    ///   the caller then folds hour by hour, which names the group.
    func read(_ db: Database, into fold: inout StatsAccumulator) throws -> [Int64] {
        var ranges: [Range] = [Range(lo: lo ?? Int64.min, hi: hi ?? Int64.max, key: 0)]
        var cut: Set<Int64> = []
        if let period { (ranges, cut) = try periods(db, period) }
        // Whole UTC days from stats_day, the hours around them from stats_bucket.
        var hours: [Range] = [], days: [Range] = []
        for r in ranges {
            let d0 = SQLiteStorage.ceiling(r.lo, StatsDaySQL.dayMs), d1 = SQLiteStorage.floor(r.hi, StatsDaySQL.dayMs)
            guard d0 < d1 else { hours.append(r); continue }
            days.append(Range(lo: d0, hi: d1, key: r.key))
            if r.lo < d0 { hours.append(Range(lo: r.lo, hi: d0, key: r.key)) }
            if d1 < r.hi { hours.append(Range(lo: d1, hi: r.hi, key: r.key)) }
        }
        try sum(db, "stats_day", days, into: &fold)
        try sum(db, "stats_bucket", hours, into: &fold)
        return cut.sorted()
    }

    /// [lo, hi) of aggregate starts, summed under `key` (the bucket the fold labels the sums by).
    struct Range {
        var lo: Int64, hi: Int64, key: Int64
    }

    private func sum(_ db: Database, _ table: String, _ ranges: [Range], into fold: inout StatsAccumulator) throws {
        let keys = Self.nonTimeKeys.map { "b.\($0)" }.joined(separator: ", ")
        var start = 0
        while start < ranges.count {
            let chunk = ranges[start..<min(start + Self.rangesPerStatement, ranges.count)]
            start += chunk.count
            // CROSS JOIN keeps the ranges outside, so each is one range read of the primary key.
            let sql = "WITH p(lo, hi, k) AS (VALUES \(Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", "))) "
                + "SELECT p.k AS bucket_ms, \(keys), \(Self.sums) FROM p CROSS JOIN \(table) b ON b.bucket_ms >= p.lo AND b.bucket_ms < p.hi"
                + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")) + " GROUP BY p.k, \(keys)"
            let args: [any DatabaseValueConvertible] = chunk.flatMap { [$0.lo, $0.hi, $0.key] as [any DatabaseValueConvertible] } + values
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)) { try fold.add(try StatsFact(row: row)) }
        }
    }

    /// The whole hours of each period that holds an aggregate, inside [lo, hi), and the hours
    /// period boundaries cut. Walks from aggregate to aggregate through the primary key, so empty
    /// stretches cost nothing.
    private func periods(_ db: Database, _ g: StatsGrouping) throws -> (ranges: [Range], cut: Set<Int64>) {
        let h = Self.hour
        let low = lo ?? Int64.min, high = hi ?? Int64.max
        var ranges: [Range] = []
        var cut: Set<Int64> = []
        var next = try Self.firstBucket(db, atOrAfter: low)
        while let ms = next, ms < high {
            let p = labeler.interval(g, containing: ms)
            let a = max(SQLiteStorage.ceiling(p.start, h), low), b = min(p.calendar ? SQLiteStorage.floor(p.end, h) : p.end, high)
            if a < b { ranges.append(Range(lo: a, hi: b, key: a)) }
            if p.calendar {
                for edge in [p.start, p.end] where edge % h != 0 {
                    let hour = SQLiteStorage.floor(edge, h)
                    if hour >= low && hour < high { cut.insert(hour) }
                }
            }
            guard p.end < Int64.max else { break }
            next = try Self.firstBucket(db, atOrAfter: p.end)
        }
        return (ranges, cut)
    }

    private static func firstBucket(_ db: Database, atOrAfter ms: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT bucket_ms FROM stats_bucket WHERE bucket_ms >= ? ORDER BY bucket_ms LIMIT 1", arguments: [ms])
    }
}
