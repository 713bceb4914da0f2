/// One received feedback (or adjustment) and what happened to it.
public struct FeedbackEvent: Sendable, Equatable {
    public var seq: Int64
    public var receivedAtMs: Int64
    /// The feedback as received; nil for adjustments.
    public var input: FeedbackInput?
    /// The adjustment as received; nil for feedback.
    public var adjustment: AdjustmentInput?
    public var outcome: FeedbackOutcome
    /// For FAILED: the error.
    public var error: ConvdError?
    public var detail: String
    public var conversionID: String
    public var recipientID: String
    public var sourceID: String
    public var eventID: String
    public var test: Bool
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
