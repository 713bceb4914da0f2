import GRDB

/// The opened SQLite database: a WAL pool whose readers run beside the one writer, migrated to
/// the current schema on open.
public final class ConvdDatabase: Sendable {
    /// The pool: concurrent readers, one serialized writer.
    public let pool: DatabasePool
    /// How it was opened.
    public let configuration: DatabaseConfiguration

    /// Opens (creating if needed) and migrates the database at `configuration.path`.
    /// - Throws: `ConvdError.unavailable` when the file cannot be opened or migrated.
    public init(configuration: DatabaseConfiguration) throws {
        self.configuration = configuration
        do {
            pool = try DatabasePool(path: configuration.path, configuration: configuration.grdb)
            try ConvdMigrations.migrator.migrate(pool)
        } catch {
            throw StoreErrorMapping.map(error, context: "opening database at \(configuration.path)")
        }
    }

    /// Names of the migrations applied, in order.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try ConvdMigrations.migrator.appliedMigrations(db) }
    }

    /// Checkpoints the WAL and closes the files; the pool must not be used afterwards.
    public func close() throws {
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try pool.close()
    }
}
