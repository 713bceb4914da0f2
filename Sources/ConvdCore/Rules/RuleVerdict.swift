/// A recipient's rule sets evaluated for one feedback before the feedback enters the single
/// writer, so a slow rule delays only its own call. The writer trusts it only while the same
/// delivery and the same version of the recipient (its `updatedAtMs` stamp) are still current.
public struct RuleVerdict: Sendable, Equatable {
    /// The delivery the rules were evaluated against.
    public var eventID: String
    /// The recipient's `updatedAtMs` when its rules were read.
    public var recipientStamp: Int64
    /// The failing rule in words, or nil when every rule held.
    public var failure: String?

    /// Creates a verdict.
    public init(eventID: String, recipientStamp: Int64, failure: String?) {
        self.eventID = eventID
        self.recipientStamp = recipientStamp
        self.failure = failure
    }

    /// Whether this verdict still speaks for `delivery` under `recipient` as loaded now.
    public func applies(to delivery: Delivery, recipient: Recipient) -> Bool {
        eventID == delivery.eventID && recipientStamp == recipient.updatedAtMs
    }
}
