import ConvdCore

extension PostgresStorage {
    /// Counts and values grouped as `query` asks, computed from the rows in one snapshot by the same
    /// SQL SQLite checks its aggregates against (`StatsRawQuery`). PostgreSQL keeps no aggregates
    /// yet, so this reads every row in the filter's range: exact, but it grows with the table.
    public func stats(_ query: StatsQuery) async throws(ConvdError) -> [StatsRow] {
        let labeler = try PeriodLabeler(zone: query.timeZone)
        let (sql, arguments) = StatsRawQuery(rowsFor: query).statement
        let statement = PostgresSQL.numbered(sql)
        let binds = arguments.map(PostgresSQL.bind)
        let facts = try await transaction("computing stats") { tx in
            try tx.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try tx.rows(statement, binds).map { try StatsFact(row: $0) }
        }
        var fold = StatsAccumulator(query: query, label: { g, ms in labeler.label(g, ms) })
        for fact in facts { try fold.add(fact) }
        return fold.result()
    }
}
