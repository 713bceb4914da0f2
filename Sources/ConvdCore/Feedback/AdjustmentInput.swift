/// A correction to an existing conversion (charge-back, restatement, approval, rejection).
public struct AdjustmentInput: Sendable, Equatable, Codable {
    /// How the conversion is found.
    public enum Target: Sendable, Equatable, Codable {
        case conversionID(String)
        case key(recipientID: String, conversionType: String, attributionID: String)
        case transaction(recipientID: String, transactionID: String)
    }

    /// What the adjustment does.
    public enum Kind: String, Sendable, Codable {
        case retract = "RETRACT", restate = "RESTATE", approve = "APPROVE", reject = "REJECT"
    }

    public var target: Target
    public var kind: Kind
    /// RESTATE only: the new amount, in the conversion's currency.
    public var amount: Money?
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
