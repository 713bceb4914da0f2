import GRDB
import PostgresNIO

/// A column value both backends decode the same way (text, integers, booleans, and their nulls).
protocol StoredValue: DatabaseValueConvertible {
    /// The value of a PostgreSQL cell. - Throws: when the cell holds another type, or null.
    static func decode(_ cell: PostgresCell) throws -> Self
}

extension String: StoredValue {
    static func decode(_ cell: PostgresCell) throws -> String { try cell.decode(String.self) }
}

extension Int64: StoredValue {
    static func decode(_ cell: PostgresCell) throws -> Int64 { try cell.decode(Int64.self) }
}

extension Int: StoredValue {
    static func decode(_ cell: PostgresCell) throws -> Int { try cell.decode(Int.self) }
}

extension Bool: StoredValue {
    static func decode(_ cell: PostgresCell) throws -> Bool { try cell.decode(Bool.self) }
}

extension Optional: StoredValue where Wrapped: StoredValue {
    static func decode(_ cell: PostgresCell) throws -> Wrapped? { cell.bytes == nil ? nil : try Wrapped.decode(cell) }
}

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
