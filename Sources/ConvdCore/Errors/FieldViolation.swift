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
