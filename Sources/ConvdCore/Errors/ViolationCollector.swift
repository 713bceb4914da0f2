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
