import ConvdCore
import GRDB
import Synchronization

/// The SQLite implementation of `ConvdStorage`: writes go through the group-commit writer,
/// reads run on the WAL pool's readers beside it.
public final class SQLiteStorage: ConvdStorage {
    /// The opened database.
    public let database: ConvdDatabase
    /// The single writer; run it as a service.
    public let writer: GroupCommitWriter
    let clock: any WallClock
    /// Wakes event watchers after each commit of feedback events.
    public let notifier = EventNotifier()
    /// Wakes the forwarding worker after commits that queued forwards.
    public let forwardsNotifier = EventNotifier()
    /// Decoded recipient settings, so a feedback does not decode JSON it decoded before.
    let recipientCache = StampedCache(table: "recipient", columns: RecipientRecord.columns, decode: RecipientRecord.recipient(from:))
    /// Decoded source settings (forwarding, caps), likewise.
    let sourceCache = StampedCache(table: "source", columns: SourceRecord.columns, decode: SourceRecord.source(from:))
    /// Sent as User-Agent on every forward.
    let userAgent: String
    /// Whether any recipient has rules (nil: not read yet); see `ruleVerdicts(for:)`.
    let rulesFlag = Mutex<Bool?>(nil)
    /// How long an idempotency key is remembered.
    let idempotencyRetentionMs: Int64

    /// Wraps an opened database and its writer; `userAgent` names convd and its version in forwards;
    /// idempotency keys are remembered for `idempotencyRetentionMs`.
    public init(database: ConvdDatabase, writer: GroupCommitWriter, clock: any WallClock, userAgent: String = "convd",
                idempotencyRetentionMs: Int64 = IdempotencyClaim.defaultRetentionMs) {
        self.database = database
        self.writer = writer
        self.clock = clock
        self.userAgent = userAgent
        self.idempotencyRetentionMs = idempotencyRetentionMs
    }

    /// Runs a read on a WAL reader, mapping storage errors.
    func read<T: Sendable>(_ context: String, _ work: @escaping @Sendable (Database) throws -> T) async throws(ConvdError) -> T {
        do {
            return try await database.pool.read(work)
        } catch {
            throw StoreErrorMapping.map(error, context: context)
        }
    }

    /// One empty commit through the group-commit writer (see `ConvdStorage.probeCommit`).
    public func probeCommit() async throws(ConvdError) {
        try await writer.write { db in _ = try db.scalar(Int.self, "SELECT 1") }
    }

    /// Counts for `System/Info`.
    public func counters() -> [String: UInt64] {
        let c = writer.counters
        return ["store.commits": c.batches, "store.writes": c.jobs, "store.largest_batch": c.largestBatch,
                "store.gather_timeouts": c.gatherTimeouts, "store.queued_writes": UInt64(clamping: writer.queuedWrites)]
    }
}
