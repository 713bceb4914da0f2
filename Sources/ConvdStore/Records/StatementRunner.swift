import GRDB

/// Runs `?`-placeholder SQL on either backend inside an open transaction, for the writes both
/// share beyond feedback (an erasure): SQLite's `Database`, or a PostgreSQL transaction.
protocol StatementRunner {
    /// The rows it returns.
    associatedtype FetchedRow: StoredRow
    /// The rows of `sql` with `arguments`.
    func fetch(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> [FetchedRow]
    /// Runs `sql` for its effect.
    func execute(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws
}

extension Database: StatementRunner {
    func fetch(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> [Row] {
        try Row.fetchAll(self, sql: sql, arguments: StatementArguments(arguments))
    }

    func execute(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws {
        try execute(sql: sql, arguments: StatementArguments(arguments))
    }
}
