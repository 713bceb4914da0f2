/// Narrows the events view; empty fields do not filter.
public struct EventFilter: Sendable, Equatable {
    /// Only these outcomes.
    public var outcomes: [FeedbackOutcome] = []
    /// Only this recipient's events.
    public var recipientID = ""
    /// Only this source's events.
    public var sourceID = ""
    /// received_at in [fromMs, toMs); 0 means open.
    public var fromMs: Int64 = 0
    /// End of the received_at range (exclusive); 0 means open.
    public var toMs: Int64 = 0

    /// No filtering.
    public init() {}
}
