/// What the store loaded for one feedback, so that the policy can decide without any I/O.
public struct FeedbackContext: Sendable {
    /// The delivery the feedback is about.
    public var delivery: Delivery
    /// Its recipient, with the feedback settings.
    public var recipient: Recipient
    /// The current conversion for the key (recipient, type, attribution), if any.
    public var existing: Conversion?
    /// The key slot of `existing` (see `ConversionKeySlot`).
    public var existingSlot: Int?
    /// Whether the delivery has a return already.
    public var hasReturn: Bool
    /// The ID a new conversion would get.
    public var newConversionID: String
    /// The delivery's source's monthly return cap, if any.
    public var returnCap: ReturnCap?
    /// The source's returns so far in the current UTC month.
    public var sourceReturnsThisMonth: Int = 0
    /// The source's deliveries in the current UTC month.
    public var sourceDeliveriesThisMonth: Int = 0
    /// The rules' verdict computed before the writer, used when it still applies.
    public var ruleVerdict: RuleVerdict?

    /// Creates a context.
    public init(delivery: Delivery, recipient: Recipient, existing: Conversion?, existingSlot: Int?, hasReturn: Bool,
                newConversionID: String) {
        self.delivery = delivery
        self.recipient = recipient
        self.existing = existing
        self.existingSlot = existingSlot
        self.hasReturn = hasReturn
        self.newConversionID = newConversionID
    }
}
