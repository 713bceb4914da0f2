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

/// The values a forward's placeholders stand for, gathered from the delivery, the feedback and
/// the conversion it produced.
public struct ForwardValues: Sendable, Equatable {
    /// Fixed names (`event_id`, `amount`, ...) to values.
    public var fixed: [String: String]
    /// The lead's fields, for `{lead.<field>}`.
    public var lead: [String: String]
    /// The feedback's extra fields, for `{feedback.<field>}`.
    public var feedback: [String: String]

    /// Creates values.
    public init(fixed: [String: String], lead: [String: String], feedback: [String: String]) {
        self.fixed = fixed
        self.lead = lead
        self.feedback = feedback
    }

    /// The value of a placeholder name; empty when absent.
    public func value(of name: String) -> String {
        if name.hasPrefix("lead.") { return lead[String(name.dropFirst(5))] ?? "" }
        if name.hasPrefix("feedback.") { return feedback[String(name.dropFirst(9))] ?? "" }
        return fixed[name] ?? ""
    }

    /// Every placeholder with a value, in a stable order: the default body when no mapping is set.
    public var all: [(String, String)] {
        fixed.sorted { $0.key < $1.key }
            + lead.sorted { $0.key < $1.key }.map { ("lead.\($0.key)", $0.value) }
            + feedback.sorted { $0.key < $1.key }.map { ("feedback.\($0.key)", $0.value) }
    }
}
