import ConvdCore
import GRDB

/// The number of migrations a database has, kept in SQLite's `user_version` header field so the
/// writer can tell, inside each transaction and for the price of reading its own header, that a
/// newer convd migrated the file while this daemon was running.
///
/// Why: several daemons may share one SQLite file, and an upgrade starts them one at a time. A
/// daemon of the older build then keeps writing with the old schema's assumptions into the new
/// schema: an insert whose `ON CONFLICT` target changed fails with SQLite's own message (INTERNAL),
/// and a migration that changes only data would not fail at all. Each migration stamps its number
/// in the transaction that applies it, so there is no commit between the two in which an older
/// writer could pass the check.
enum SchemaStamp {
    /// The stamp this build writes: how many migrations it knows.
    static let current = Int64(clamping: ConvdMigrations.names.count)

    /// The stamp in the open database's header (0 for a file stamped by no build).
    static func read(_ db: Database) throws -> Int64 {
        try db.scalar(Int64.self, "PRAGMA user_version") ?? 0
    }

    /// Writes `number` into the header, inside the caller's transaction.
    static func write(_ number: Int64, _ db: Database) throws {
        try db.execute(sql: "PRAGMA user_version = \(number)")
    }

    /// Raises a database migrated by an older build, which stamped nothing, to this build's number.
    static func raiseIfBehind(_ db: Database) throws {
        if try read(db) < current { try write(current, db) }
    }

    /// A write refused because a newer convd migrated the database under this daemon.
    struct NewerSchema: Error {
        /// The stamp found in the header.
        let stamp: Int64
        /// The database file.
        let path: String

        /// What the caller is told: both schemas, that nothing was written, and what to do.
        var refusal: ConvdError {
            .failedPrecondition(
                "a newer convd migrated \(path) to schema \(stamp) while this daemon (schema \(SchemaStamp.current)) was running; "
                + "nothing was written: restart this daemon with the newer build")
        }
    }

    /// Refuses to write in a database a newer convd migrated since this daemon opened it.
    /// - Throws: `NewerSchema`.
    static func checkWritable(_ db: Database, path: String) throws {
        let stamp = try read(db)
        guard stamp <= current else { throw NewerSchema(stamp: stamp, path: path) }
    }
}
