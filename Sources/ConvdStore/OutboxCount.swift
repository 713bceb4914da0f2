import ConvdCore

/// How many outbox items one source has in one state (metrics: pending and dead by source).
public struct OutboxCount: Sendable, Equatable {
    /// The source the items are forwarded to.
    public var sourceID: String
    /// PENDING or DEAD.
    public var state: OutboxState
    /// How many.
    public var count: Int

    /// A count.
    public init(sourceID: String, state: OutboxState, count: Int) {
        self.sourceID = sourceID
        self.state = state
        self.count = count
    }
}
