import GRDB
import GRDBSQLite

/// The row a statement is stopped on (`Database.first`), read by exact column name straight from
/// SQLite. Valid only inside the decode closure: the statement resets after it.
struct SteppedRow: StoredRow {
    /// The statement, stepped onto the row.
    let statement: SQLiteStatement
    /// Its column names, in order (the cached statement's, not copied).
    let names: [String]

    func value<V: StoredValue>(_ name: String) throws -> V {
        guard let index = names.firstIndex(of: name) else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "no column \(name) among \(names.joined(separator: ", "))")
        }
        return try value(at: CInt(truncatingIfNeeded: index))
    }

    /// The column at `index` as `V`. - Throws: when it holds another type (or NULL for a non-optional).
    func value<V: StoredValue>(at index: CInt) throws -> V {
        let stored = DatabaseValue(sqliteStatement: statement, index: index)
        guard let value = V.fromDatabaseValue(stored) else {
            let name = names.indices.contains(Int(truncatingIfNeeded: index)) ? names[Int(truncatingIfNeeded: index)] : "\(index)"
            throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "column \(name) holds \(stored), not \(V.self)")
        }
        return value
    }
}
