import CConvdSQLite
import ConvdCore
import Foundation
import GRDB

/// The opened SQLite database: a WAL pool whose readers run beside the one writer, migrated to
/// the current schema on open.
public final class ConvdDatabase: Sendable {
    /// The pool: concurrent readers, one serialized writer.
    public let pool: DatabasePool
    /// How it was opened.
    public let configuration: DatabaseConfiguration
    /// The WAL's frames after the writer's last commit (`WALCheckpointer` reads it).
    public let walFrames: WALFrameCount

    /// Opens (creating if needed) and migrates the database at `configuration.path`.
    /// - Throws: `ConvdError.unavailable` when the file cannot be opened or migrated.
    /// A file that is not a convd database, is corrupt, or was written by a newer convd is refused
    /// before anything is written to it: convd never overwrites what it does not understand.
    /// - Throws: `ConvdError.failedPrecondition` naming the file and the problem (those cases), or
    ///   `ConvdError.unavailable` when the file cannot be opened or migrated.
    public init(configuration: DatabaseConfiguration) throws {
        _ = Self.memoryStatisticsOff
        self.configuration = configuration
        let walFrames = WALFrameCount()
        self.walFrames = walFrames
        let path = configuration.path
        try Self.checkHeader(path)
        do {
            pool = try DatabasePool(path: path, configuration: configuration.grdb(walFrames: walFrames))
            try pool.read { db in try Self.checkSchema(db, path: path) }
            if let observer = configuration.migrationObserver {
                let applied = try pool.read { db in try ConvdMigrations.migrator.appliedIdentifiers(db) }
                let pending = ConvdMigrations.names.filter { !applied.contains($0) }
                if !pending.isEmpty { observer(pending) }
            }
            try ConvdMigrations.migrator.migrate(pool)
            try pool.write { db in try SchemaStamp.raiseIfBehind(db) }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw ConvdError.failedPrecondition(
                "\(path) is corrupt or not a database (\(error.message ?? "\(error.resultCode)")); restore it from a backup or move it away")
        } catch {
            throw StoreErrorMapping.map(error, context: "opening database at \(path)")
        }
    }

    /// Whether SQLite's memory statistics were turned off for this process (only possible before
    /// its first connection opens, which the first database opened here normally is); taken once.
    static let memoryStatisticsOff: Bool = convd_sqlite_disable_memstatus() == 0

    /// Refuses a non-empty file that does not start with SQLite's header.
    static func checkHeader(_ path: String) throws(ConvdError) {
        guard let handle = fopen(path, "rb") else { return }  // absent: created below
        defer { fclose(handle) }
        var header = [UInt8](repeating: 0, count: 16)
        let n = fread(&header, 1, 16, handle)
        if n == 0 { return }  // an empty file is a new database to SQLite
        guard n == 16, header == Array("SQLite format 3\0".utf8) else {
            throw .failedPrecondition("\(path) is not a convd database (not an SQLite file); refusing to touch it")
        }
    }

    /// Refuses another application's database and one migrated by a newer convd.
    static func checkSchema(_ db: Database, path: String) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        guard !tables.isEmpty else { return }  // new
        guard tables.contains("grdb_migrations") else {
            throw ConvdError.failedPrecondition(
                "\(path) is not a convd database (it holds other tables: \(tables.prefix(5).joined(separator: ", "))); refusing to touch it")
        }
        let known = Set(ConvdMigrations.migrator.migrations)
        let unknown = try ConvdMigrations.migrator.appliedIdentifiers(db).subtracting(known).sorted()
        guard unknown.isEmpty else {
            throw ConvdError.failedPrecondition(
                "\(path) was written by a newer convd (schema migrations \(unknown.joined(separator: ", ")) are unknown to this binary, which knows up to \(ConvdMigrations.migrator.migrations.last ?? "none")); run the newer convd or restore a backup")
        }
    }

    /// Names of the migrations applied, in order.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try ConvdMigrations.migrator.appliedMigrations(db) }
    }

    /// Copies every WAL frame into the database and truncates the WAL to zero bytes, between two
    /// commits of the pool's writer. - Throws: BUSY while a reader still uses older frames.
    public func truncateWAL() async throws {
        try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// Copies the WAL frames still uncopied into the database between two commits of the pool's
    /// writer, without waiting for readers, so the writer's next transaction starts the WAL over
    /// (SQLite restarts it when every frame is copied and no reader is on them).
    /// - Returns: whether every frame is copied.
    public func backfillWAL() async throws -> Bool {
        try await pool.writeWithoutTransaction { db in
            let r = try db.checkpoint(.passive)
            return r.checkpointedFrameCount == r.walFrameCount
        }
    }

    /// Checkpoints the WAL and closes the files; the pool must not be used afterwards.
    public func close() throws {
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try pool.close()
    }
}
