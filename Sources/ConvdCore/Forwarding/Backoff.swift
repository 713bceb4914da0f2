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
