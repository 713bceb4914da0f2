/// One bad field of a request: its dotted path and what is wrong with it.
public struct FieldViolation: Sendable, Equatable, Hashable, Codable {
    /// Dotted path, e.g. `recipient.id` or `items[3].amount.currency`.
    public var field: String
    /// What is wrong, in words.
    public var description: String

    /// Creates a violation for `field`.
    public init(field: String, description: String) {
        self.field = field
        self.description = description
    }
}

/// Collects field violations while a request is validated, then throws them all at once.
public struct ViolationCollector: Sendable {
    /// The violations found so far.
    public private(set) var violations: [FieldViolation] = []

    /// An empty collector.
    public init() {}

    /// Records that `field` is bad.
    public mutating func add(_ field: String, _ description: String) {
        violations.append(FieldViolation(field: field, description: description))
    }

    /// Throws `invalidArgument` naming every violation, if there are any.
    /// - Throws: `ConvdError.invalidArgument` when at least one violation was added.
    public func throwIfAny() throws(ConvdError) {
        guard !violations.isEmpty else { return }
        let summary = violations.map { "\($0.field): \($0.description)" }.joined(separator: "; ")
        throw .invalidArgument(summary, violations: violations)
    }
}
