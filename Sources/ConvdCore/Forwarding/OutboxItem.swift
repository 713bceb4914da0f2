/// One forward of one accepted feedback to one source, as kept in the durable outbox.
public struct OutboxItem: Sendable, Equatable {
    /// Its row ID, also its place in send order.
    public var id: Int64
    /// The source it is forwarded to.
    public var sourceID: String
    /// The conversion it reports; empty for a return.
    public var conversionID: String
    /// The feedback event that made it.
    public var eventSeq: Int64
    /// Items with the same key are sent in the order they were accepted (a conversion, or a delivery's return).
    public var orderKey: String
    /// Pending, sent or dead.
    public var state: OutboxState
    /// Attempts made so far.
    public var attempts: Int
    /// Attempts after which it is dead.
    public var maxAttempts: Int
    /// The last reply's HTTP status; 0 when none came.
    public var lastStatusCode: Int
    /// Why the last attempt failed; empty when it did not.
    public var lastError: String
    /// When it may next be tried, Unix ms UTC.
    public var nextAttemptAtMs: Int64
    /// When it was enqueued (with its feedback, in the same transaction), Unix ms UTC.
    public var createdAtMs: Int64
    /// When it was delivered; 0 until then.
    public var sentAtMs: Int64
    /// Sent as the Idempotency-Key header on every attempt.
    public var idempotencyKey: String
    /// The rendered HTTP request.
    public var request: ForwardRequest
    /// Per-attempt timeout.
    public var timeoutMs: Int
    /// When non-empty, a 2xx counts only if the body contains it.
    public var successBodyContains: String
    /// Filled when asked for.
    public var attemptLog: [ForwardAttempt]
    /// The outcome of the feedback event that queued it, filled by listings ("" elsewhere).
    public var kind = ""

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

    /// Where one more attempt with `verdict` leaves the item: SENT, PENDING for a retry, or DEAD,
    /// also when a retry would exceed `maxAttempts`.
    public func state(afterAttempt verdict: ForwardVerdict) -> OutboxState {
        switch verdict {
        case .sent: .sent
        case .dead: .dead
        case .retry: attempts + 1 >= maxAttempts ? .dead : .pending
        }
    }

    /// The item's `last_error` after one more attempt with `verdict`: empty once sent, the reason
    /// otherwise, saying so when this attempt was the last one allowed.
    public func lastError(afterAttempt verdict: ForwardVerdict) -> String {
        switch verdict {
        case .sent: ""
        case .dead(let reason): reason
        case .retry(let reason): state(afterAttempt: verdict) == .dead ? "\(reason); gave up after \(attempts + 1) attempts" : reason
        }
    }
}
