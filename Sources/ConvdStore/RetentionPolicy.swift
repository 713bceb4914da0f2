/// How long convd keeps what it only keeps for a while. Money records (conversions, versions,
/// instalments, returns, events) are never pruned.
public struct RetentionPolicy: Sendable, Equatable {
    /// Idempotency keys and their saved answers (a retry after this counts as new).
    public var idempotencyMs: Int64
    /// SENT forwards and their attempt logs, counted from when they were sent. PENDING and DEAD
    /// forwards are kept whatever their age: they still need an answer.
    public var sentForwardsMs: Int64
    /// Most rows one pruning transaction deletes, so the writer is held for milliseconds at most.
    public var batchRows: Int

    /// Seven days of keys, thirty of sent forwards, 500 rows a transaction.
    public init(idempotencyMs: Int64 = 7 * 86_400_000, sentForwardsMs: Int64 = 30 * 86_400_000, batchRows: Int = 500) {
        self.idempotencyMs = idempotencyMs
        self.sentForwardsMs = sentForwardsMs
        self.batchRows = batchRows
    }
}
