import GRDB

/// v9: hourly stats aggregates. `stats_bucket` holds, per hour, recipient, source, type, status,
/// test flag and currency, the counters stats are computed from; triggers keep it in the same
/// transaction as every write to deliveries, conversions, returns and feedback events, so no code
/// path can forget it. Hours (not days) so that day, week and month boundaries of any whole-hour
/// time zone fall on bucket edges. Existing rows are summed in once, here. Time indexes on
/// deliveries and returns serve the raw reads at the edges of a range.
enum V9StatsBuckets {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX delivery_by_time ON delivery(delivered_at_ms);
            CREATE INDEX return_by_time ON delivery_return(returned_at_ms);
            \(StatsBucketSQL.createTable);
            """)
        try fill(db)
        try db.execute(sql: StatsBucketSQL.triggers)
    }

    /// Replaces every aggregate with the sums computed from the rows as they are (the days, once
    /// they exist, follow through their triggers).
    static func fill(_ db: Database) throws {
        let raw = StatsRawQuery(granularityMs: StatsBucketSQL.hourMs).statement
        try db.execute(sql: "DELETE FROM stats_bucket")
        if try db.tableExists("stats_day") { try db.execute(sql: "DELETE FROM stats_day") }
        try db.execute(sql: "INSERT INTO stats_bucket (\((StatsBucketSQL.keys + StatsBucketSQL.counters).joined(separator: ", "))) \(raw.sql)",
                       arguments: StatementArguments(raw.arguments))
    }
}
