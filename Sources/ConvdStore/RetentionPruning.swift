import ConvdCore

/// A storage whose expired idempotency keys and old SENT forwards can be deleted in small batches.
public protocol RetentionPruning: Sendable {
    /// Deletes what `policy` no longer keeps as of `nowMs`, in transactions of at most
    /// `policy.batchRows` rows, walking indexes from their oldest end.
    func prune(_ policy: RetentionPolicy, nowMs: Int64) async throws(ConvdError) -> PruneResult
}

extension SQLiteStorage: RetentionPruning {}
extension PostgresStorage: RetentionPruning {}
