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
