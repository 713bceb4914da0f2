import GRDB
import GRDBSQLite
import Synchronization

/// The WAL's length in frames after the writer's last commit, as SQLite's WAL hook reports it. The
/// checkpointer reads it after each commit to copy every quarter of the bound as it fills, not only
/// the whole bound once it is full: the paced p99 followed the size of those passes (see
/// `WALCheckpointer`).
public final class WALFrameCount: Sendable {
    private let frames = Atomic<Int>(0)

    /// Creates a count of 0, before any commit.
    public init() {}

    /// Frames in the WAL after the last commit on a connection it is installed on (0 before one;
    /// small again once the WAL starts over).
    public var value: Int { frames.load(ordering: .relaxed) }

    /// Reports every commit on `db` here. Replaces SQLite's own WAL hook, the automatic checkpoint,
    /// which `wal_autocheckpoint = 0` has already removed: run that pragma before this, not after.
    /// The hook keeps the count alive (one small object per database opened, never freed): a
    /// connection that outlives its `ConvdDatabase` (the pool is public) must not report a commit
    /// into freed memory.
    func install(on db: Database) {
        let context = Unmanaged.passRetained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, _, _, frames in
            if let context {
                Unmanaged<WALFrameCount>.fromOpaque(context).takeUnretainedValue().frames.store(Int(truncatingIfNeeded: frames), ordering: .relaxed)
            }
            return SQLITE_OK
        }, context)
    }
}
