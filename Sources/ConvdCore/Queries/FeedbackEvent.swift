/// One received feedback (or adjustment) and what happened to it.
public struct FeedbackEvent: Sendable, Equatable {
    /// Its place in the events log; Events/List and Watch resume after it.
    public var seq: Int64
    /// When convd received it, Unix ms UTC.
    public var receivedAtMs: Int64
    /// The feedback as received; nil for adjustments.
    public var input: FeedbackInput?
    /// The adjustment as received; nil for feedback.
    public var adjustment: AdjustmentInput?
    /// What happened.
    public var outcome: FeedbackOutcome
    /// For FAILED: the error.
    public var error: ConvdError?
    /// The failing rule, or why it was ignored.
    public var detail: String
    /// The conversion it touched; empty when none.
    public var conversionID: String
    /// The delivery's recipient; empty when none was found.
    public var recipientID: String
    /// The delivery's source; empty when none was found.
    public var sourceID: String
    /// The delivery's event ID; empty when none was found.
    public var eventID: String
    /// Whether it concerned a test delivery.
    public var test: Bool
    /// The key the call carried; empty when none.
    public var idempotencyKey: String

    /// Creates an event.
    public init(seq: Int64, receivedAtMs: Int64, input: FeedbackInput?, adjustment: AdjustmentInput?, outcome: FeedbackOutcome,
                error: ConvdError?, detail: String, conversionID: String, recipientID: String, sourceID: String,
                eventID: String, test: Bool, idempotencyKey: String) {
        self.seq = seq
        self.receivedAtMs = receivedAtMs
        self.input = input
        self.adjustment = adjustment
        self.outcome = outcome
        self.error = error
        self.detail = detail
        self.conversionID = conversionID
        self.recipientID = recipientID
        self.sourceID = sourceID
        self.eventID = eventID
        self.test = test
        self.idempotencyKey = idempotencyKey
    }
}
