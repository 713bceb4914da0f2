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
