/// Where a forward stands.
public enum OutboxState: String, Sendable, Codable, CaseIterable {
    case pending = "PENDING", sent = "SENT", dead = "DEAD"
}

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

/// One try to send an outbox item.
public struct ForwardAttempt: Sendable, Equatable {
    public var atMs: Int64
    /// HTTP status; 0 when no reply came.
    public var statusCode: Int
    /// The first 1 KiB of the reply body.
    public var bodyPrefix: String
    public var durationMs: Int
    public var error: String

    /// Creates an attempt record.
    public init(atMs: Int64, statusCode: Int, bodyPrefix: String, durationMs: Int, error: String) {
        self.atMs = atMs
        self.statusCode = statusCode
        self.bodyPrefix = bodyPrefix
        self.durationMs = durationMs
        self.error = error
    }
}

/// What an attempt means for the item: sent, try again later, or give up now.
public enum ForwardVerdict: Sendable, Equatable {
    case sent
    case retry(reason: String)
    case dead(reason: String)

    /// Classifies a reply (or its absence): 2xx is success unless the success check fails;
    /// 408, 429, 5xx, timeouts and connection errors are retried; any other status is permanent.
    public static func classify(statusCode: Int, body: String, successBodyContains: String, transportError: String?) -> ForwardVerdict {
        if let transportError { return .retry(reason: transportError) }
        switch statusCode {
        case 200..<300:
            if !successBodyContains.isEmpty && !body.contains(successBodyContains) {
                return .retry(reason: "HTTP \(statusCode) but the body lacks \"\(successBodyContains)\"")
            }
            return .sent
        case 408, 429, 500..<600: return .retry(reason: "HTTP \(statusCode)")
        default: return .dead(reason: "HTTP \(statusCode) is permanent")
        }
    }
}

/// Exponential backoff with jitter: attempt n waits base × 2^(n-1), capped, then scaled by a random
/// factor in [0.5, 1] so that many items failing together do not retry together.
public struct Backoff: Sendable, Equatable {
    /// The first wait, in milliseconds.
    public var baseMs: Int64
    /// The longest wait, in milliseconds.
    public var capMs: Int64

    /// Creates a backoff.
    public init(baseMs: Int64 = 2_000, capMs: Int64 = 600_000) {
        self.baseMs = baseMs
        self.capMs = capMs
    }

    /// Milliseconds to wait after attempt `attempt` (1-based) failed.
    public func delayMs(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Int64 {
        let exponent = min(max(attempt - 1, 0), 30)
        let full = min(capMs, baseMs << exponent)
        return full / 2 + Int64.random(in: 0...(full / 2), using: &generator)
    }
}
