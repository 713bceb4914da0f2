/// A correction to an existing conversion (charge-back, restatement, approval, rejection).
public struct AdjustmentInput: Sendable, Equatable, Codable {
    /// How the conversion is found.
    public enum Target: Sendable, Equatable, Codable {
        /// By the conversion's own ID.
        case conversionID(String)
        /// By its mode key: recipient, type and attribution (the delivery's event ID).
        case key(recipientID: String, conversionType: String, attributionID: String)
        /// By any transaction ID it was ever given, within one recipient.
        case transaction(recipientID: String, transactionID: String)
    }

    /// What the adjustment does.
    public enum Kind: String, Sendable, Codable {
        /// RETRACT takes it back, RESTATE changes its amount, APPROVE and REJECT move its status.
        case retract = "RETRACT", restate = "RESTATE", approve = "APPROVE", reject = "REJECT"
    }

    /// Which conversion (or instalment, by transaction ID) it acts on.
    public var target: Target
    /// What it does.
    public var kind: Kind
    /// RESTATE only: the new amount, in the conversion's currency.
    public var amount: Money?
    /// Why, kept in the version history.
    public var reason: String
    /// 0 means when received.
    public var occurredAtMs: Int64

    /// Creates an adjustment.
    public init(target: Target, kind: Kind, amount: Money? = nil, reason: String = "", occurredAtMs: Int64 = 0) {
        self.target = target
        self.kind = kind
        self.amount = amount
        self.reason = reason
        self.occurredAtMs = occurredAtMs
    }
}
