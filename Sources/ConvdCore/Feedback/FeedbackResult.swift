/// What one feedback did: the outcome, the conversion it touched, why, and its event.
public struct FeedbackResult: Sendable, Equatable, Codable {
    /// What happened.
    public var outcome: FeedbackOutcome
    /// The conversion affected; nil for returns and rejections.
    public var conversion: Conversion?
    /// For REJECTED the failing rule; for DUPLICATE_IGNORED and STALE_IGNORED why.
    public var detail: String
    /// The feedback event logged for it.
    public var eventSeq: Int64

    /// Creates a result.
    public init(outcome: FeedbackOutcome, conversion: Conversion?, detail: String = "", eventSeq: Int64 = 0) {
        self.outcome = outcome
        self.conversion = conversion
        self.detail = detail
        self.eventSeq = eventSeq
    }
}
