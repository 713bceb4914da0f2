/// An HTTP request to a source, rendered when the feedback is accepted and stored in the outbox,
/// so that what is sent is what was true at that moment, however often it is retried.
public struct ForwardRequest: Sendable, Equatable, Codable {
    /// POST, or GET for tracker postbacks.
    public var method: String
    /// The full URL (placeholders already filled for GET).
    public var url: String
    /// Content-Type of the body; empty for GET.
    public var contentType: String
    /// The body; empty for GET.
    public var body: [UInt8]
    /// The source's extra headers.
    public var headers: [String: String]

    /// Creates a request.
    public init(method: String, url: String, contentType: String, body: [UInt8], headers: [String: String]) {
        self.method = method
        self.url = url
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }
}
