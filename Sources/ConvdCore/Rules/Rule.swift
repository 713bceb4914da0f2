/// One comparison: `field op values`, e.g. `feedback.reason is included in [Sale Completed]`.
public struct Rule: Sendable, Equatable, Codable {
    /// The field, e.g. `feedback.reason` or `lead.state`.
    public var field: String
    /// The comparison.
    public var op: RuleOperator
    /// The operands; how many depends on `op`.
    public var values: [String]

    /// Creates a rule.
    public init(field: String, op: RuleOperator, values: [String] = []) {
        self.field = field
        self.op = op
        self.values = values
    }
}
