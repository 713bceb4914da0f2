import GRDB

/// v11: daily stats aggregates. `stats_day` sums the hourly aggregates per UTC day, kept by
/// triggers on `stats_bucket` itself, so stats over long ranges read a day row instead of 24 hour
/// rows. Filled once from the hourly rows.
enum V11StatsDays {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: StatsDaySQL.createTable)
        try db.execute(sql: "INSERT INTO stats_day (\((StatsBucketSQL.keys + StatsBucketSQL.counters).joined(separator: ", "))) \(StatsDaySQL.rollUp)")
        try db.execute(sql: StatsDaySQL.triggers)
    }
}
