import GRDB

extension Database {
    /// Runs a statement prepared once per connection: re-preparing (and re-authorizing) the same
    /// SQL for every feedback was a third of the writer's time.
    func run(_ sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// The first row of a statement prepared once per connection.
    func row(_ sql: String, arguments: StatementArguments = []) throws -> CopiedRow? {
        let statement = try cachedStatement(sql: sql)
        return try Row.fetchOne(statement, arguments: arguments).map { CopiedRow(row: $0, names: statement.columnNames) }
    }

    /// The first value of a statement prepared once per connection.
    func value<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, _ sql: String,
                                                                          arguments: StatementArguments = []) throws -> T? {
        try T.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
