import ConvdCore
import Foundation
import GRDB

extension SQLiteStorage {
    /// Tables counted in a backup's summary (and by the restore check).
    public static let countedTables = [
        "recipient", "source", "delivery", "delivery_return", "conversion", "conversion_version", "conversion_instalment",
        "feedback_event", "outbox", "forward_attempt", "idempotent_call",
    ]

    /// Copies the database to `path` while writes go on (see `ConvdStorage.backup`).
    public func backup(to path: String) async throws(ConvdError) -> BackupSummary {
        guard path.hasPrefix("/") else { throw .invalidArgument("backup path '\(path)' must be absolute (it is written by the daemon)") }
        if FileManager.default.fileExists(atPath: path) {
            throw .alreadyExists("backup path '\(path)' exists; a backup never overwrites a file")
        }
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .failedPrecondition("backup directory '\(directory)' does not exist")
        }
        // A name of its own, so no file the caller has is ever removed or overwritten.
        let partial = "\(path).partial-\(UUID().uuidString)"
        let started = ContinuousClock.now
        do {
            let destination = try DatabaseQueue(path: partial)
            // One backup step inside one read transaction of the pool: the copy is the snapshot that
            // transaction saw, whatever the writer commits meanwhile.
            try await database.pool.read { source in
                try destination.writeWithoutTransaction { db in try source.backup(to: db) }
            }
            let (check, seq, rows) = try await destination.read { db in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
                let seq = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM feedback_event") ?? 0
                var rows: [String: Int64] = [:]
                for table in Self.countedTables {
                    rows[table] = try Int64.fetchOne(db, sql: "SELECT /* full pass */ count(*) FROM \(table)") ?? 0
                }
                return (check, seq, rows)
            }
            try destination.close()
            guard check == "ok" else {
                throw ConvdError.internal("the backup copy failed SQLite's integrity check: \(check)")
            }
            // fsyncs a file as large as the database: off the caller's executor, which is its
            // connection's event loop (a detached task does not inherit that preference).
            try await Task.detached { try Self.syncAndRename(partial, to: path, replacing: false) }.value
            let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
            let elapsed = (ContinuousClock.now - started).components
            return BackupSummary(path: path, bytes: bytes, durationMs: elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000,
                                 lastEventSeq: seq, rows: rows)
        } catch let error as ConvdError {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw StoreErrorMapping.map(error, context: "backing up to \(path)")
        }
    }

    /// fsyncs `partial`, moves it to `path`, and fsyncs the directory, so a file that was answered
    /// survives a crash right after. Unless `replacing`, the move is a hard link that fails when
    /// `path` exists (a file created there since the first check is never overwritten).
    static func syncAndRename(_ partial: String, to path: String, replacing: Bool = true) throws {
        let fd = open(partial, O_RDONLY)
        guard fd >= 0 else { throw ConvdError.unavailable("cannot open \(partial) to sync it") }
        let synced = fsync(fd)
        close(fd)
        guard synced == 0 else { throw ConvdError.unavailable("cannot sync \(partial): errno \(errno)") }
        if replacing {
            guard rename(partial, path) == 0 else { throw ConvdError.unavailable("cannot rename \(partial) to \(path): errno \(errno)") }
        } else {
            guard link(partial, path) == 0 else {
                if errno == EEXIST { throw ConvdError.alreadyExists("backup path '\(path)' exists; a backup never overwrites a file") }
                throw ConvdError.unavailable("cannot move \(partial) to \(path): errno \(errno)")
            }
            unlink(partial)
        }
        let dir = open((path as NSString).deletingLastPathComponent, O_RDONLY)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }
}
