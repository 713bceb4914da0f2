/// What an idempotency key stands for: the key, whose it is, and which request it was made for.
///
/// Scope: a key belongs to one method and one caller (its uid), so two connectors that happen to
/// pick the same key never meet. Fingerprint: a digest of the request, so the same key sent with a
/// different request is refused (FAILED_PRECONDITION) instead of answering the first request's
/// answer and silently dropping the second, as Stripe and the IETF Idempotency-Key draft do.
public struct IdempotencyClaim: Sendable, Equatable {
    /// The caller's key, 1 to `InputBounds.maxIdempotencyKeyLength` bytes.
    public var key: String
    /// Whose key it is, e.g. "uid:1000".
    public var scope: String
    /// A digest of the request's canonical bytes (hex).
    public var fingerprint: String

    /// Creates a claim.
    public init(key: String, scope: String, fingerprint: String) {
        self.key = key
        self.scope = scope
        self.fingerprint = fingerprint
    }

    /// How long a key is remembered unless configured: 7 days, longer than any sane retry loop.
    public static let defaultRetentionMs: Int64 = 7 * 86_400_000
}
