import ConvdCore
import Logging
import PostgresNIO

/// The PostgreSQL implementation of `ConvdStorage`, for several daemons sharing one truth. Each
/// call is one transaction on a pooled connection; feedback goes through the same
/// `FeedbackRecorder` as on SQLite, and races between daemons are decided by the database.
public final class PostgresStorage: ConvdStorage {
    let pool: PostgresSessionPool
    let clock: any WallClock
    let userAgent: String
    let idempotencyRetentionMs: Int64
    let schema: String?
    /// The URL, its password masked.
    public let display: String
    /// Wakes this daemon's watchers after its own commits; `EventPoller` adds other daemons'.
    public let notifier = EventNotifier()
    /// Wakes the forwarding worker after commits, this daemon's or another's, that queued forwards.
    public let forwardsNotifier = EventNotifier()

    /// A storage over `url`'s database; call `migrate()` before serving.
    public init(url: PostgresURL, clock: any WallClock, userAgent: String = "convd",
                idempotencyRetentionMs: Int64 = IdempotencyClaim.defaultRetentionMs, logger: Logger) {
        pool = PostgresSessionPool(size: url.poolSize, configuration: url.configuration, logger: logger)
        self.clock = clock
        self.userAgent = userAgent
        self.idempotencyRetentionMs = idempotencyRetentionMs
        display = url.display
        schema = url.schema
    }

    /// Brings the database to this binary's schema (daemons starting together take turns).
    public func migrate() async throws(ConvdError) {
        let now = clock.nowMs()
        let schema = self.schema
        try await pool.transaction("migrating the PostgreSQL schema") { tx in try PostgresMigrations.migrate(tx, schema: schema, nowMs: now) }
    }

    /// Closes the idle connections.
    public func close() async { await pool.close() }

    /// Runs `body` in one transaction.
    func transaction<T: Sendable>(_ context: String, _ body: @escaping @Sendable (PostgresTransaction) throws -> T) async throws(ConvdError) -> T {
        try await pool.transaction(context, body)
    }

    /// Runs `body` once per idempotency claim, as `SQLiteStorage.idempotentWrite` does. The key's
    /// advisory lock makes a second daemon with the same key wait for the first one's answer.
    func idempotentWrite<T: Sendable & Codable>(_ method: String, _ claim: IdempotencyClaim?, nowMs: Int64,
                                                _ body: @escaping @Sendable (PostgresTransaction) throws -> T) async throws(ConvdError) -> T {
        try await transaction(method) { tx in try self.idempotentBody(method, claim, nowMs: nowMs, tx) { try body(tx) } }
    }

    /// Inside a transaction: the saved answer to `claim`, or `body`'s, saved.
    func idempotentBody<T: Codable>(_ method: String, _ claim: IdempotencyClaim?, nowMs: Int64, _ tx: PostgresTransaction,
                                    _ body: () throws -> T) throws -> T {
        if let saved = try saved(T.self, method, claim, nowMs: nowMs, tx) { return saved }
        let answer = try body()
        try IdempotencyRecord.save(answer, claim: claim, method: method, nowMs: nowMs, in: tx)
        return answer
    }

    /// As `idempotentWrite`, for a write whose refusal is logged but not kept as the key's answer;
    /// a refusal that lost a race (ABORTED) is rolled back and run again.
    func idempotentResult<T: Sendable & Codable>(_ method: String, _ claim: IdempotencyClaim?, nowMs: Int64,
                                                 _ body: @escaping @Sendable (PostgresTransaction) throws -> Result<T, ConvdError>)
        async throws(ConvdError) -> Result<T, ConvdError> {
        try await pool.transaction(method, lostRace: Self.lostRace) { tx in
            if let saved = try self.saved(T.self, method, claim, nowMs: nowMs, tx) { return .success(saved) }
            let result = try body(tx)
            if case .success(let answer) = result { try IdempotencyRecord.save(answer, claim: claim, method: method, nowMs: nowMs, in: tx) }
            return result
        }
    }

    /// The answer saved for `claim`, if any. A second daemon with the same key waits here, on the
    /// key's lock, for the first one's answer.
    private func saved<T: Decodable>(_ type: T.Type, _ method: String, _ claim: IdempotencyClaim?, nowMs: Int64,
                                     _ tx: PostgresTransaction) throws -> T? {
        guard let claim else { return nil }
        try tx.lock("idempotency:\(method):\(claim.scope):\(claim.key)")
        return try IdempotencyRecord.answer(type, claim: claim, method: method, nowMs: nowMs, retentionMs: idempotencyRetentionMs, in: tx)
    }

    /// Whether a feedback's answer is an ABORTED: another daemon moved the conversion first.
    @Sendable static func lostRace<T>(_ result: Result<T, ConvdError>) -> Bool {
        if case .failure(.aborted) = result { return true }
        return false
    }

    /// One empty commit on a pooled connection (see `ConvdStorage.probeCommit`).
    public func probeCommit() async throws(ConvdError) {
        try await transaction("probing PostgreSQL") { tx in try tx.run("SELECT 1") }
    }

    /// Counts for `System/Info`.
    public func counters() -> [String: UInt64] {
        ["store.postgres_connections": UInt64(clamping: pool.size)]
    }
}
