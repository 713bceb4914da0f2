/// The current state of one conversion.
public struct Conversion: Sendable, Equatable, Codable {
    /// Stable ID, given at creation (`conv_…`).
    public var id: String
    /// The recipient (buyer) the lead was delivered to.
    public var recipientID: String
    /// The source (vendor) that supplied the lead.
    public var sourceID: String
    /// The type's name as the recipient configured it (or as first received, for unlisted types).
    public var conversionType: String
    /// What several postbacks of one lead and type share: the delivery's event ID.
    public var attributionID: String
    /// The delivery's event ID.
    public var eventID: String
    /// The delivery's click ID, empty when it had none.
    public var clickID: String
    /// The conversion mode its type resolved to when it was created.
    public var mode: ConversionMode
    /// Where it stands now.
    public var status: ConversionStatus
    /// The latest reason given (by the CRM or an adjustment).
    public var reason: String
    /// Nil when no amount was given.
    public var amount: Money?
    /// Extra fields from the latest postback, forwarded as placeholders.
    public var fields: [String: String]
    /// The latest transaction ID; every one ever given still finds it.
    public var transactionID: String
    /// 1 for the first version.
    public var version: Int
    /// Postbacks that changed it (1 at creation); numbers INCREMENT instalments.
    public var postbackCount: Int
    /// Made from a test delivery: left out of stats unless asked for.
    public var test: Bool
    /// When it was first recorded, Unix ms UTC.
    public var createdAtMs: Int64
    /// When its latest version was recorded, Unix ms UTC.
    public var updatedAtMs: Int64
    /// When its latest postback happened in the CRM, Unix ms UTC (orders UPDATE postbacks).
    public var occurredAtMs: Int64
    /// What counts as approved now: for INCREMENT the sum of its APPROVED instalments, otherwise
    /// the amount while the status is APPROVED. Kept in the row so stats sum a column.
    public var approvedAmount: Money?
    /// Likewise for PENDING.
    public var pendingAmount: Money?
    /// Its type was negative when it was created: counted as flagged, never as a conversion.
    public var negative: Bool {
        get { negativeStored ?? false }
        set { negativeStored = newValue }
    }
    /// Optional so answers saved before schema v5 (idempotency records) still decode.
    private var negativeStored: Bool?

    /// Creates a conversion.
    public init(id: String, recipientID: String, sourceID: String, conversionType: String, attributionID: String,
                eventID: String, clickID: String, mode: ConversionMode, status: ConversionStatus, reason: String,
                amount: Money?, fields: [String: String], transactionID: String, version: Int, postbackCount: Int,
                test: Bool, createdAtMs: Int64, updatedAtMs: Int64, occurredAtMs: Int64) {
        self.id = id
        self.recipientID = recipientID
        self.sourceID = sourceID
        self.conversionType = conversionType
        self.attributionID = attributionID
        self.eventID = eventID
        self.clickID = clickID
        self.mode = mode
        self.status = status
        self.reason = reason
        self.amount = amount
        self.fields = fields
        self.transactionID = transactionID
        self.version = version
        self.postbackCount = postbackCount
        self.test = test
        self.createdAtMs = createdAtMs
        self.updatedAtMs = updatedAtMs
        self.occurredAtMs = occurredAtMs
        (approvedAmount, pendingAmount) = Self.split(amount, by: status)
    }

    /// `amount` as approved or pending value by `status` (REJECTED and RETRACTED count nowhere).
    public static func split(_ amount: Money?, by status: ConversionStatus) -> (approved: Money?, pending: Money?) {
        switch status {
        case .approved: (amount, nil)
        case .pending: (nil, amount)
        case .rejected, .retracted: (nil, nil)
        }
    }

    /// Sets the approved and pending value from the amount and status (every mode but INCREMENT,
    /// whose totals come from its instalments).
    public mutating func settleValue() {
        (approvedAmount, pendingAmount) = Self.split(amount, by: status)
    }
}
