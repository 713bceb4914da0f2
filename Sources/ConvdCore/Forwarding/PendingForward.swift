/// A forward ready to be queued in the outbox, in the same transaction as the feedback it reports.
public struct PendingForward: Sendable, Equatable {
    /// The source whose endpoint receives it.
    public var sourceID: String
    /// The conversion it reports ("" for a return).
    public var conversionID: String
    /// The feedback event that caused it.
    public var eventSeq: Int64
    /// Forwards with one order key are sent one at a time, in order.
    public var orderKey: String
    /// Attempts before it is given up (DEAD).
    public var maxAttempts: Int
    /// When it was queued (and is first due).
    public var createdAtMs: Int64
    /// The Idempotency-Key header every attempt repeats.
    public var idempotencyKey: String
    /// The rendered request.
    public var request: ForwardRequest
    /// Each attempt's timeout.
    public var timeoutMs: Int
    /// Text a 2xx body must contain to count as accepted ("" for any).
    public var successBodyContains: String
}
