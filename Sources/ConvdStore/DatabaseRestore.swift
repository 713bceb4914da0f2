import ConvdCore
import Foundation
import GRDB

/// Puts a backup in place of the database, with the daemon stopped: the backup is checked first
/// (an SQLite file, `integrity_check` ok, a convd schema this binary knows), the current database
/// is kept beside it under a dated name rather than deleted, and the swap is a rename.
public enum DatabaseRestore {
    /// What a restore did.
    public struct Outcome: Sendable, Equatable {
        /// Where the database that was replaced now is; nil when there was none.
        public var previousKeptAt: String?
        /// Rows in the restored database, by table.
        public var rows: [String: Int64]
    }

    /// Restores `backup` to `databasePath`. `isDaemonRunning` is asked before anything changes.
    /// - Throws: `failedPrecondition` naming what is wrong with the backup or the situation.
    public static func restore(backup: String, to databasePath: String, nowMs: Int64,
                               isDaemonRunning: () -> Bool) throws(ConvdError) -> Outcome {
        guard FileManager.default.fileExists(atPath: backup) else { throw .failedPrecondition("\(backup): no such file") }
        guard !isDaemonRunning() else {
            throw .failedPrecondition("convd is running on this data directory; stop it before restoring")
        }
        try ConvdDatabase.checkHeader(backup)
        let rows: [String: Int64]
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: backup, configuration: config)
            rows = try queue.read { db in
                try ConvdDatabase.checkSchema(db, path: backup)
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
                guard check == "ok" else { throw ConvdError.failedPrecondition("\(backup) fails SQLite's integrity check: \(check)") }
                guard try db.tableExists("grdb_migrations") else {
                    throw ConvdError.failedPrecondition("\(backup) is not a convd database (no schema migrations)")
                }
                var rows: [String: Int64] = [:]
                for table in SQLiteStorage.countedTables where try db.tableExists(table) {
                    rows[table] = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                }
                return rows
            }
            try queue.close()
        } catch let error as ConvdError {
            throw error
        } catch {
            throw .failedPrecondition("\(backup) cannot be read as a convd database: \(error)")
        }
        let fm = FileManager.default
        var kept: String?
        let stamp = ISOTime.string(ms: nowMs).replacingOccurrences(of: ":", with: "")
        if fm.fileExists(atPath: databasePath) {
            let aside = "\(databasePath).before-restore-\(stamp)"
            kept = aside
            for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: databasePath + suffix) {
                guard rename(databasePath + suffix, aside + suffix) == 0 else {
                    throw .failedPrecondition("cannot move \(databasePath + suffix) aside: errno \(errno)")
                }
            }
        }
        let partial = databasePath + ".restoring"
        do {
            try? fm.removeItem(atPath: partial)
            try fm.copyItem(atPath: backup, toPath: partial)
            try SQLiteStorage.syncAndRename(partial, to: databasePath)
        } catch {
            throw .failedPrecondition("cannot copy \(backup) into place: \(error)")
        }
        return Outcome(previousKeptAt: kept, rows: rows)
    }
}
