import GRDB
import GRDBSQLite

extension Database {
    /// Runs a statement prepared once per connection with `args` bound to its `?`s in order,
    /// stepped straight through SQLite's C API.
    ///
    /// GRDB's `execute(arguments:)` boxed every argument in an existential, copied them into a
    /// `StatementArguments` array, and ran its observation and suspension bookkeeping around each
    /// step: about a quarter of the writer thread for the handful of statements a feedback runs.
    /// The parameter pack binds each value with its own `StatementBinding`, with no array at all.
    func exec<each A: StatementBinding>(_ sql: String, _ args: repeat each A) throws {
        let statement = try bound(sql, repeat each args).sqliteStatement
        defer { sqlite3_reset(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            if code != SQLITE_ROW { throw Self.stepError(statement, sql) }
        }
    }

    /// The first row of a statement prepared once per connection, decoded by `decode` while the
    /// statement still holds it (nil: no row). Its values are copied out before the statement resets.
    func first<each A: StatementBinding, T>(_ sql: String, _ args: repeat each A, as decode: (SteppedRow) throws -> T) throws -> T? {
        let prepared = try bound(sql, repeat each args)
        let statement = prepared.sqliteStatement
        defer { sqlite3_reset(statement) }
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return try decode(SteppedRow(statement: statement, names: prepared.columnNames))
        case SQLITE_DONE: return nil
        default: throw Self.stepError(statement, sql)
        }
    }

    /// The first column of the first row (nil: no row, or NULL).
    func scalar<each A: StatementBinding, V: StoredValue>(_ type: V.Type, _ sql: String, _ args: repeat each A) throws -> V? {
        try first(sql, repeat each args) { row -> V? in try row.value(at: 0) } ?? nil
    }

    /// The cached statement of `sql`, reset and with `args` bound.
    private func bound<each A: StatementBinding>(_ sql: String, _ args: repeat each A) throws -> Statement {
        let prepared = try cachedStatement(sql: sql)
        let statement = prepared.sqliteStatement
        // A statement GRDB or an earlier caller left mid-step refuses new bindings.
        sqlite3_reset(statement)
        var index: CInt = 0
        for arg in repeat each args {
            index += 1
            let code = arg.bind(to: statement, at: index)
            if code != SQLITE_OK { throw Self.stepError(statement, sql) }
        }
        guard index == sqlite3_bind_parameter_count(statement) else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE,
                                message: "\(index) arguments for \(sqlite3_bind_parameter_count(statement)) placeholders", sql: sql)
        }
        return prepared
    }

    /// SQLite's error for `statement`, as GRDB reports it (extended code, message, SQL), so
    /// `StoreErrorMapping` reads it the same whichever path ran the statement.
    private static func stepError(_ statement: SQLiteStatement, _ sql: String) -> DatabaseError {
        let connection = sqlite3_db_handle(statement)
        return DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                             message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}
