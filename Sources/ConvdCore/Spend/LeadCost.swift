/// What a source charges per lead when a delivery does not say: one price, or a price per recipient.
public struct LeadCost: Sendable, Equatable, Codable {
    /// The price of a lead to any recipient not listed below; nil for none.
    public var defaultCost: Money?
    /// Prices by recipient id, before `defaultCost`.
    public var byRecipient: [String: Money]

    /// Creates settings.
    public init(defaultCost: Money? = nil, byRecipient: [String: Money] = [:]) {
        self.defaultCost = defaultCost
        self.byRecipient = byRecipient
    }

    /// The cost of a lead delivered to `recipientID`.
    public func cost(forRecipient recipientID: String) -> Money? {
        byRecipient[recipientID] ?? defaultCost
    }
}
