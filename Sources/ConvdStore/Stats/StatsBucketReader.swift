import ConvdCore
import GRDB

/// Reads the hourly aggregates for one stats query, summed in SQL down to the rows the fold needs:
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
        let keys = Self.nonTimeKeys.map { "b.\($0)" }.joined(separator: ", ")
        guard let period else {
            var where_ = clauses, args = values
            if let lo { where_.append("b.bucket_ms >= ?"); args.append(lo) }
            if let hi { where_.append("b.bucket_ms < ?"); args.append(hi) }
            let sql = "SELECT 0 AS bucket_ms, \(keys), \(Self.sums) FROM stats_bucket b"
                + (where_.isEmpty ? "" : " WHERE " + where_.joined(separator: " AND ")) + " GROUP BY \(keys)"
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)) { try fold.add(StatsFact(row: row)) }
            return []
        }
        let (ranges, cut) = try periods(db, period)
        var start = 0
        while start < ranges.count {
            let chunk = ranges[start..<min(start + Self.rangesPerStatement, ranges.count)]
            start += chunk.count
            // CROSS JOIN keeps the periods outside, so each is one range read of the primary key.
            let sql = "WITH p(lo, hi) AS (VALUES \(Array(repeating: "(?, ?)", count: chunk.count).joined(separator: ", "))) "
                + "SELECT p.lo AS bucket_ms, \(keys), \(Self.sums) FROM p CROSS JOIN stats_bucket b ON b.bucket_ms >= p.lo AND b.bucket_ms < p.hi"
                + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")) + " GROUP BY p.lo, \(keys)"
            let args: [any DatabaseValueConvertible] = chunk.flatMap { [$0.lo, $0.hi] as [any DatabaseValueConvertible] } + values
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)) { try fold.add(StatsFact(row: row)) }
        }
        return cut.sorted()
    }

    /// The whole hours of each period that holds an aggregate, inside [lo, hi), and the hours
    /// period boundaries cut. Walks from aggregate to aggregate through the primary key, so empty
    /// stretches cost nothing.
    private func periods(_ db: Database, _ g: StatsGrouping) throws -> (ranges: [(lo: Int64, hi: Int64)], cut: Set<Int64>) {
        let h = Self.hour
        let low = lo ?? Int64.min, high = hi ?? Int64.max
        var ranges: [(lo: Int64, hi: Int64)] = []
        var cut: Set<Int64> = []
        var next = try Self.firstBucket(db, atOrAfter: low)
        while let ms = next, ms < high {
            let p = labeler.interval(g, containing: ms)
            let a = max(SQLiteStorage.ceiling(p.start, h), low), b = min(p.calendar ? SQLiteStorage.floor(p.end, h) : p.end, high)
            if a < b { ranges.append((a, b)) }
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
