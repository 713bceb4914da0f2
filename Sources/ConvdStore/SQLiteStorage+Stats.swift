import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Counts and values grouped by up to two of recipient, source, type, day, week and month (in a
    /// time zone), from the hourly aggregates in one read snapshot. Whole hours inside the filter's
    /// range come from `stats_bucket`; the parts of a range that whole hours do not cover, and hours
    /// a period boundary cuts (time zones whose offset is not a whole hour), are read from the rows
    /// themselves by minute, through time indexes. Filters the aggregates do not keep (event ID,
    /// click ID) read the rows. Which counters count is `StatsAccumulator`'s, in Core.
    public func stats(_ query: StatsQuery) async throws(ConvdError) -> [StatsRow] {
        let labeler = try PeriodLabeler(zone: query.timeZone)
        return try await read("computing stats") { db in
            let f = query.filter
            var fold = StatsAccumulator(query: query, label: { g, ms in labeler.label(g, ms) })
            func raw(from: Int64?, to: Int64?) throws {
                let q = StatsRawQuery(granularityMs: 60_000, fromMs: from, toMs: to, recipientID: f.recipientID, sourceID: f.sourceID,
                                      eventID: f.eventID, clickID: f.clickID, includeTest: f.includeTest)
                for fact in try q.facts(db) { try fold.add(fact) }
            }
            let from: Int64? = f.fromMs > 0 ? f.fromMs : nil
            let to: Int64? = f.toMs > 0 ? f.toMs : nil
            if !f.eventID.isEmpty || !f.clickID.isEmpty {
                try raw(from: from, to: to)
                return fold.result()
            }
            let h = StatsBucketSQL.hourMs
            let lo = from.map { Self.ceiling($0, h) }, hi = to.map { Self.floor($0, h) }
            if let lo, let hi, lo >= hi {
                try raw(from: from, to: to)
                return fold.result()
            }
            var w = BucketWhere()
            if !f.recipientID.isEmpty { w.add("b.recipient_id = ?", f.recipientID) }
            if !f.sourceID.isEmpty { w.add("b.source_id = ?", f.sourceID) }
            if !f.includeTest { w.clauses.append("b.test = 0") }
            let period = query.groupings.first(where: \.isPeriod)
            let reader = StatsBucketReader(period: period, labeler: labeler, lo: lo, hi: hi, clauses: w.clauses, values: w.values)
            var cut: [Int64]
            do {
                cut = try reader.read(db, into: &fold)
            } catch let error as DatabaseError where error.message?.contains("integer overflow") == true {
                // Some group passes Int64 in SQL: fold hour by hour instead, which names it.
                fold = StatsAccumulator(query: query, label: { g, ms in labeler.label(g, ms) })
                cut = try Self.foldEachHour(db, w, lo: lo, hi: hi, period: period, labeler: labeler, into: &fold)
            }
            for hour in cut { try raw(from: hour, to: hour > Int64.max - h ? Int64.max : hour + h) }
            if let from, let lo, from < lo { try raw(from: from, to: lo) }
            if let to, let hi, hi < to { try raw(from: hi, to: to) }
            return fold.result()
        }
    }

    /// Every hourly aggregate row as stored, and as computed afresh from the tables, both without
    /// zero rows and sorted alike: equal when the triggers kept the aggregates exact.
    public func statsBucketsStoredAndRecomputed() async throws(ConvdError) -> (stored: [StatsFact], recomputed: [StatsFact]) {
        try await read("checking the stats aggregates") { db in
            let stored = try Row.fetchAll(db, sql: "SELECT /* full pass */ * FROM stats_bucket").map { try StatsFact(row: $0) }.filter { !$0.isZero }
            let recomputed = try StatsRawQuery(granularityMs: StatsBucketSQL.hourMs).facts(db).filter { !$0.isZero }
            let order: (StatsFact, StatsFact) -> Bool = { a, b in
                (a.bucketMs, a.recipientID, a.sourceID, a.conversionType, a.status, "\(a.test)" + a.currency)
                    < (b.bucketMs, b.recipientID, b.sourceID, b.conversionType, b.status, "\(b.test)" + b.currency)
            }
            return (stored.sorted(by: order), recomputed.sorted(by: order))
        }
    }

    /// Every daily aggregate row as stored, and as its hours sum to, without zero rows and sorted
    /// alike: equal when the day triggers kept them exact.
    public func statsDaysStoredAndRolledUp() async throws(ConvdError) -> (stored: [StatsFact], rolledUp: [StatsFact]) {
        try await read("checking the daily stats aggregates") { db in
            let stored = try Row.fetchAll(db, sql: "SELECT /* full pass */ * FROM stats_day").map { try StatsFact(row: $0) }.filter { !$0.isZero }
            let rolledUp = try Row.fetchAll(db, sql: StatsDaySQL.rollUp).map { try StatsFact(row: $0) }.filter { !$0.isZero }
            let key = { (f: StatsFact) in "\(f.bucketMs)|\(f.recipientID)|\(f.sourceID)|\(f.conversionType)|\(f.typeKey)|\(f.status)|\(f.test)|\(f.currency)" }
            return (stored.sorted { key($0) < key($1) }, rolledUp.sorted { key($0) < key($1) })
        }
    }

    /// Stats computed from the rows alone (no aggregates): the full-scan baseline the bench
    /// compares `stats` with, and a second opinion in tests.
    public func statsFromRows(_ query: StatsQuery) async throws(ConvdError) -> [StatsRow] {
        let labeler = try PeriodLabeler(zone: query.timeZone)
        return try await read("computing stats from rows") { db in
            var fold = StatsAccumulator(query: query, label: { g, ms in labeler.label(g, ms) })
            let q = StatsRawQuery(rowsFor: query)
            for fact in try q.facts(db) { try fold.add(fact) }
            return fold.result()
        }
    }

    /// Folds the aggregates one stored hour at a time; returns the hours a period boundary cuts.
    private static func foldEachHour(_ db: Database, _ where_: BucketWhere, lo: Int64?, hi: Int64?, period: StatsGrouping?,
                                     labeler: PeriodLabeler, into fold: inout StatsAccumulator) throws -> [Int64] {
        var w = where_
        if let lo { w.add("b.bucket_ms >= ?", lo) }
        if let hi { w.add("b.bucket_ms < ?", hi) }
        var cut: Set<Int64> = []
        let h = StatsBucketSQL.hourMs
        for row in try Row.fetchAll(db, sql: "SELECT * FROM stats_bucket b \(w.sql)", arguments: StatementArguments(w.values)) {
            let fact = try StatsFact(row: row)
            if let period, labeler.label(period, fact.bucketMs) != labeler.label(period, fact.bucketMs &+ (h - 1)) {
                cut.insert(fact.bucketMs)
                continue
            }
            try fold.add(fact)
        }
        return cut.sorted()
    }

    static func floor(_ ms: Int64, _ unit: Int64) -> Int64 { ms >= 0 ? ms / unit * unit : -Self.ceiling(-ms, unit) }
    static func ceiling(_ ms: Int64, _ unit: Int64) -> Int64 {
        let f = ms / unit * unit
        return f == ms ? ms : (ms >= 0 ? (f > Int64.max - unit ? Int64.max : f + unit) : f)
    }

    /// WHERE clauses on `stats_bucket`.
    private struct BucketWhere {
        var clauses: [String] = []
        var values: [any DatabaseValueConvertible] = []

        mutating func add(_ clause: String, _ value: any DatabaseValueConvertible) {
            clauses.append(clause)
            values.append(value)
        }

        var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }
    }
}
