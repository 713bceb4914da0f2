/// Narrows the events view; empty fields do not filter.
public struct EventFilter: Sendable, Equatable {
    public var outcomes: [FeedbackOutcome] = []
    public var recipientID = ""
    public var sourceID = ""
    /// received_at in [fromMs, toMs); 0 means open.
    public var fromMs: Int64 = 0
    public var toMs: Int64 = 0

    /// No filtering.
    public init() {}
}
