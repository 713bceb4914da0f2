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
    static func decode(_ cell: PostgresCell) throws -> Bool {
        // Flags are 0/1 integers in convd's PostgreSQL schema, as in SQLite's.
        cell.dataType == .int8 ? try cell.decode(Int64.self) != 0 : try cell.decode(Bool.self)
    }
}

extension Optional: StoredValue where Wrapped: StoredValue {
    static func decode(_ cell: PostgresCell) throws -> Wrapped? { cell.bytes == nil ? nil : try Wrapped.decode(cell) }
}
