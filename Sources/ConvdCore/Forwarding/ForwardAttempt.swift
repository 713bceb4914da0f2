/// One try to send an outbox item.
public struct ForwardAttempt: Sendable, Equatable {
    /// When it started, Unix ms UTC.
    public var atMs: Int64
    /// HTTP status; 0 when no reply came.
    public var statusCode: Int
    /// The first 1 KiB of the reply body.
    public var bodyPrefix: String
    /// How long it took.
    public var durationMs: Int
    /// The transport error, or why the reply was not success; empty when sent.
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
