
/// One forward of one accepted feedback to one source, as kept in the durable outbox.
public struct OutboxItem: Sendable, Equatable {
    public var id: Int64
    public var sourceID: String
    public var conversionID: String
    public var eventSeq: Int64
    /// Items with the same key are sent in the order they were accepted (a conversion, or a delivery's return).
    public var orderKey: String
    public var state: OutboxState
    public var attempts: Int
    public var maxAttempts: Int
    public var lastStatusCode: Int
    public var lastError: String
    public var nextAttemptAtMs: Int64
    public var createdAtMs: Int64
    public var sentAtMs: Int64
    /// Sent as the Idempotency-Key header on every attempt.
    public var idempotencyKey: String
    public var request: ForwardRequest
    public var timeoutMs: Int
    /// When non-empty, a 2xx counts only if the body contains it.
    public var successBodyContains: String
    /// Filled when asked for.
    public var attemptLog: [ForwardAttempt]

    /// Creates an item.
    public init(id: Int64, sourceID: String, conversionID: String, eventSeq: Int64, orderKey: String, state: OutboxState,
                attempts: Int, maxAttempts: Int, lastStatusCode: Int, lastError: String, nextAttemptAtMs: Int64,
                createdAtMs: Int64, sentAtMs: Int64, idempotencyKey: String, request: ForwardRequest, timeoutMs: Int,
                successBodyContains: String, attemptLog: [ForwardAttempt] = []) {
        self.id = id
        self.sourceID = sourceID
        self.conversionID = conversionID
        self.eventSeq = eventSeq
        self.orderKey = orderKey
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.nextAttemptAtMs = nextAttemptAtMs
        self.createdAtMs = createdAtMs
        self.sentAtMs = sentAtMs
        self.idempotencyKey = idempotencyKey
        self.request = request
        self.timeoutMs = timeoutMs
        self.successBodyContains = successBodyContains
        self.attemptLog = attemptLog
    }
}
