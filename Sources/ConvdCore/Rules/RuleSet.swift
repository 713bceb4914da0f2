/// ALL or ANY of rules and nested sets; an empty set holds.
public struct RuleSet: Sendable, Equatable, Codable {
    /// Whether all or any of the nodes must hold.
    public enum Match: String, Sendable, Codable { case all = "ALL", any = "ANY" }

    /// One member of a set.
    public indirect enum Node: Sendable, Equatable, Codable {
        /// A single comparison.
        case rule(Rule)
        /// A nested set.
        case set(RuleSet)
    }

    /// Whether all or any of the nodes must hold.
    public var match: Match
    /// The members.
    public var nodes: [Node]

    /// Creates a set.
    public init(match: Match, nodes: [Node]) {
        self.match = match
        self.nodes = nodes
    }
}

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
