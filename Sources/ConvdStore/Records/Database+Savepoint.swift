import GRDB

extension Database {
    /// Runs `body` in the savepoint `name` of the open transaction: kept with it, or rolled back
    /// alone when `body` throws (the error is rethrown).
    ///
    /// GRDB's `inSavepoint` prepares `SAVEPOINT`, `RELEASE` and `ROLLBACK TO` afresh each time;
    /// every feedback runs in two savepoints, so that was four statement compilations a feedback on
    /// the single writer thread. These are prepared once per connection. GRDB still sees each
    /// statement's effect (it reads it when the statement is prepared), so its transaction state
    /// stays right. As in GRDB's, the body's error is the one thrown even when the rollback fails
    /// too: SQLite had then already rolled the whole transaction back (a full disk, say), and the
    /// enclosing `pool.write` block refuses every later statement and fails the commit.
    func inCachedSavepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try savepointStatement("SAVEPOINT \(name)")
        let value: T
        do {
            value = try body()
        } catch {
            try? savepointStatement("ROLLBACK TRANSACTION TO SAVEPOINT \(name)")
            try? savepointStatement("RELEASE SAVEPOINT \(name)")
            throw error
        }
        try savepointStatement("RELEASE SAVEPOINT \(name)")
        return value
    }

    /// Runs a savepoint statement prepared once per connection through GRDB's `execute`, not
    /// `exec`: GRDB follows the savepoint stack from the statements it runs.
    private func savepointStatement(_ sql: String) throws {
        try cachedStatement(sql: sql).execute()
    }
}
