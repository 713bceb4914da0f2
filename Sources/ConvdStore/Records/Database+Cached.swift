import GRDB

extension Database {
    /// Runs a statement prepared once per connection: re-preparing (and re-authorizing) the same
    /// SQL for every feedback was a third of the writer's time.
    func run(_ sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// The first row of a statement prepared once per connection.
    func row(_ sql: String, arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first value of a statement prepared once per connection.
    func value<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, _ sql: String,
                                                                          arguments: StatementArguments = []) throws -> T? {
        try T.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
