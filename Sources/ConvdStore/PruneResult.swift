/// Rows one pruning pass deleted.
public struct PruneResult: Sendable, Equatable {
    /// Expired idempotency keys.
    public var idempotencyKeys = 0
    /// SENT forwards past retention.
    public var sentForwards = 0
    /// Their attempt logs.
    public var forwardAttempts = 0

    /// Nothing pruned.
    public init() {}

    /// Whether the pass deleted anything.
    public var isEmpty: Bool { idempotencyKeys == 0 && sentForwards == 0 && forwardAttempts == 0 }
}
