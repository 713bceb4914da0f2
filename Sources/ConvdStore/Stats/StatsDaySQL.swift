/// The SQL of the daily stats aggregates (`stats_day`): the hourly rows of `stats_bucket` summed per
/// UTC day. Triggers on `stats_bucket` carry each change of an hourly row into its day, so a day is
/// the sum of its hours by construction. Stats read whole UTC days from here and only the hours at
/// the edges of a range or period from `stats_bucket`: 24 times fewer rows over long ranges.
enum StatsDaySQL {
    static let dayMs: Int64 = 86_400_000

    static let createTable = StatsBucketSQL.createTable.replacingOccurrences(of: "CREATE TABLE stats_bucket", with: "CREATE TABLE stats_day")

    /// The UTC day (a true floor, also before 1970) of an hourly row `x`.
    static func day(_ x: String) -> String { "(\(x).bucket_ms - (((\(x).bucket_ms % \(dayMs)) + \(dayMs)) % \(dayMs)))" }

    /// Adds the counters `values` (SQL per counter) to `x`'s day.
    private static func add(_ x: String, _ values: (String) -> String) -> String {
        let keys = StatsBucketSQL.keys, counters = StatsBucketSQL.counters
        let columns = [day(x)] + keys.dropFirst().map { "\(x).\($0)" } + counters.map(values)
        return """
            INSERT INTO stats_day (\((keys + counters).joined(separator: ", "))) VALUES (\(columns.joined(separator: ", ")))
            ON CONFLICT DO UPDATE SET \(counters.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "));
            """
    }

    static var triggers: String {
        """
        CREATE TRIGGER stats_day_insert AFTER INSERT ON stats_bucket BEGIN
        \(add("NEW") { "NEW.\($0)" })
        END;
        CREATE TRIGGER stats_day_update AFTER UPDATE ON stats_bucket BEGIN
        \(add("NEW") { "NEW.\($0) - OLD.\($0)" })
        END;
        """
    }

    /// The days as the hourly rows sum to, in `stats_day`'s columns.
    static var rollUp: String {
        let keys = StatsBucketSQL.keys.dropFirst().joined(separator: ", ")
        return """
            SELECT /* full pass */ \(day("stats_bucket")) AS bucket_ms, \(keys), \(StatsBucketSQL.counters.map { "sum(\($0)) AS \($0)" }.joined(separator: ", "))
            FROM stats_bucket GROUP BY 1, \(keys)
            """
    }
}
