import ConvdCore

/// What `Deliveries/AdjustCost` answers: the delivery with its new cost, and every cost it has had.
public struct CostAdjustment: Sendable, Equatable, Codable {
    /// The delivery as stored now.
    public var delivery: Delivery
    /// Its cost's versions, oldest first.
    public var history: [CostVersion]

    /// Creates an answer.
    public init(delivery: Delivery, history: [CostVersion]) {
        self.delivery = delivery
        self.history = history
    }
}
