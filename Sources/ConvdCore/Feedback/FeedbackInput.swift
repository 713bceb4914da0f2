/// One feedback as received, validated in shape but not yet checked against any delivery.
public struct FeedbackInput: Sendable, Equatable, Codable {
    /// Which delivery it is about.
    public enum Target: Sendable, Equatable, Codable {
        /// By the delivery's event ID.
        case eventID(String)
        /// By click ID, within one recipient.
        case click(clickID: String, recipientID: String)
    }

    /// A conversion or a return.
    public enum Kind: String, Sendable, Codable { case conversion = "CONVERSION", `return` = "RETURN" }

    /// Which delivery it is about.
    public var target: Target
    /// A conversion or a return.
    public var kind: Kind
    /// Conversions only.
    public var conversionType: String
    /// Why (a return's reason is checked against the source's list).
    public var reason: String
    /// The value reported, in minor units; nil when none.
    public var amount: Money?
    /// Extra fields, forwarded as placeholders.
    public var fields: [String: String]
    /// The CRM's ID for this postback: a repeat is counted once.
    public var transactionID: String
    /// The status it asks for; APPROVED when not given.
    public var status: ConversionStatus
    /// When it happened in the CRM, Unix ms; 0 means when received.
    public var occurredAtMs: Int64

    /// Creates an input.
    public init(target: Target, kind: Kind, conversionType: String = "", reason: String = "", amount: Money? = nil,
                fields: [String: String] = [:], transactionID: String = "", status: ConversionStatus = .approved,
                occurredAtMs: Int64 = 0) {
        self.target = target
        self.kind = kind
        self.conversionType = conversionType
        self.reason = reason
        self.amount = amount
        self.fields = fields
        self.transactionID = transactionID
        self.status = status
        self.occurredAtMs = occurredAtMs
    }

    /// Checks the shape: a target, a type for conversions, a valid currency, bounded sizes.
    /// - Throws: `invalidArgument` naming every bad field under `path`.
    public func validate(path: String) throws(ConvdError) {
        var v = ViolationCollector()
        switch target {
        case .eventID(let id) where id.isEmpty: v.add("\(path).event_id", "is required (or give click)")
        case .click(let click, let recipient):
            if click.isEmpty { v.add("\(path).click.click_id", "is required") }
            if recipient.isEmpty { v.add("\(path).click.recipient_id", "is required") }
        default: break
        }
        if kind == .conversion && conversionType.trimmingSpaces.isEmpty {
            v.add("\(path).conversion_type", "is required for a conversion")
        }
        switch target {
        case .eventID(let id) where id.utf8.count > 128: v.add("\(path).event_id", "must be at most 128 bytes")
        case .click(let click, let recipient):
            if click.utf8.count > 256 { v.add("\(path).click.click_id", "must be at most 256 bytes") }
            if recipient.utf8.count > 128 { v.add("\(path).click.recipient_id", "must be at most 128 bytes") }
        default: break
        }
        if conversionType.count > 100 { v.add("\(path).conversion_type", "must be at most 100 characters") }
        if let amount { InputBounds.checkAmount(amount, field: "\(path).amount", into: &v) }
        if reason.count > InputBounds.maxReasonLength {
            v.add("\(path).reason", "must be at most \(InputBounds.maxReasonLength) characters")
        }
        if transactionID.count > InputBounds.maxTransactionIDLength {
            v.add("\(path).transaction_id", "must be at most \(InputBounds.maxTransactionIDLength) characters")
        }
        InputBounds.checkMap(fields, field: "\(path).fields", into: &v)
        InputBounds.checkTime(occurredAtMs, field: "\(path).occurred_at_ms", into: &v)
        try v.throwIfAny()
    }
}
