import GRDB
import PostgresNIO

/// A result row of either backend, read by column name, so each record maps rows to Core's types
/// once for SQLite and PostgreSQL alike.
protocol StoredRow {
    /// The column `name` as `V`. - Throws: when it holds another type.
    func value<V: StoredValue>(_ name: String) throws -> V
}

extension Row: StoredRow {
    func value<V: StoredValue>(_ name: String) throws -> V { self[name] }
}

extension PostgresRandomAccessRow: StoredRow {
    func value<V: StoredValue>(_ name: String) throws -> V { try V.decode(self[name]) }
}
