/// What is known of a feedback or adjustment when its event is appended to the log.
public struct FeedbackEventDraft: Sendable {
    /// When convd received it.
    public var receivedAtMs: Int64
    /// The feedback, for a Record.
    public var input: FeedbackInput?
    /// The correction, for an Adjust.
    public var adjustment: AdjustmentInput?
    /// What came of it.
    public var outcome: FeedbackOutcome
    /// Why it was refused, for a FAILED event.
    public var error: ConvdError?
    /// The outcome's explanation.
    public var detail = ""
    /// The conversion it created or touched.
    public var conversionID = ""
    /// The delivery it was about, when found.
    public var delivery: Delivery?
    /// The recipient when no delivery was found (a click reference names one).
    public var recipientID = ""
    /// The call's idempotency key.
    public var idempotencyKey = ""

    /// A draft for a feedback.
    public init(receivedAtMs: Int64, input: FeedbackInput, outcome: FeedbackOutcome, error: ConvdError? = nil,
                delivery: Delivery?, recipientID: String = "", idempotencyKey: String) {
        self.receivedAtMs = receivedAtMs
        self.input = input
        self.outcome = outcome
        self.error = error
        self.delivery = delivery
        self.recipientID = recipientID
        self.idempotencyKey = idempotencyKey
    }

    /// A draft for an adjustment.
    public init(receivedAtMs: Int64, adjustment: AdjustmentInput, outcome: FeedbackOutcome, error: ConvdError? = nil,
                detail: String = "", conversionID: String, delivery: Delivery? = nil, recipientID: String, idempotencyKey: String) {
        self.receivedAtMs = receivedAtMs
        self.adjustment = adjustment
        self.outcome = outcome
        self.error = error
        self.detail = detail
        self.conversionID = conversionID
        self.delivery = delivery
        self.recipientID = recipientID
        self.idempotencyKey = idempotencyKey
    }
}
