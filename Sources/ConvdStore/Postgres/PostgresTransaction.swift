import ConvdCore
import PostgresNIO

/// An open PostgreSQL transaction on one session, used only on the session's queue.
struct PostgresTransaction {
    let session: PostgresSession

    /// Runs `sql` (with `$1`, `$2`, ... for `binds`) and returns its rows.
    func rows(_ sql: String, _ binds: [PostgresBind] = []) throws -> [PostgresRandomAccessRow] {
        try session.rows(sql, binds)
    }

    /// Runs `sql` for its effect.
    func run(_ sql: String, _ binds: [PostgresBind] = []) throws {
        _ = try session.rows(sql, binds)
    }

    /// The first column of the first row, or nil without rows.
    func value<V: StoredValue>(_ type: V.Type, _ sql: String, _ binds: [PostgresBind] = []) throws -> V? {
        guard let row = try rows(sql, binds).first else { return nil }
        return try V.decode(row[0])
    }

    /// Runs `body` in a savepoint: kept with the transaction, or rolled back alone when it throws.
    func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        try run("SAVEPOINT feedback")
        do {
            let value = try body()
            try run("RELEASE SAVEPOINT feedback")
            return value
        } catch {
            try run("ROLLBACK TO SAVEPOINT feedback")
            try run("RELEASE SAVEPOINT feedback")
            throw PostgresErrorMapping.map(error, context: "recording feedback")
        }
    }

    /// Takes a lock named by `key` until the transaction ends (an advisory lock: it guards a
    /// decision that spans rows, such as a return cap or an idempotency key, across daemons).
    func lock(_ key: String) throws {
        try run("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [.text(key)])
    }
}
