/// Where a conversion stands.
public enum ConversionStatus: String, Sendable, Codable, CaseIterable {
    case pending = "PENDING"
    case approved = "APPROVED"
    case rejected = "REJECTED"
    case retracted = "RETRACTED"

    /// Whether moving from `self` to `next` is allowed: PENDING to APPROVED or REJECTED,
    /// APPROVED to REJECTED, anything to RETRACTED, and staying put.
    public func canMove(to next: ConversionStatus) -> Bool {
        if next == self || next == .retracted { return self != .retracted || next == .retracted }
        switch (self, next) {
        case (.pending, .approved), (.pending, .rejected), (.approved, .rejected): return true
        default: return false
        }
    }
}

/// What made a version of a conversion.
public enum FeedbackOutcome: String, Sendable, Codable, CaseIterable {
    case created = "CREATED"
    case updated = "UPDATED"
    case incremented = "INCREMENTED"
    case duplicateIgnored = "DUPLICATE_IGNORED"
    case rejected = "REJECTED"
    case returnRecorded = "RETURN_RECORDED"
    case staleIgnored = "STALE_IGNORED"
    case adjusted = "ADJUSTED"
    case failed = "FAILED"
}

/// The current state of one conversion.
public struct Conversion: Sendable, Equatable, Codable {
    public var id: String
    public var recipientID: String
    public var sourceID: String
    /// The type's name as the recipient configured it (or as first received, for unlisted types).
    public var conversionType: String
    public var attributionID: String
    public var eventID: String
    public var clickID: String
    public var mode: ConversionMode
    public var status: ConversionStatus
    public var reason: String
    /// Nil when no amount was given.
    public var amount: Money?
    public var fields: [String: String]
    public var transactionID: String
    /// 1 for the first version.
    public var version: Int
    public var postbackCount: Int
    public var test: Bool
    public var createdAtMs: Int64
    public var updatedAtMs: Int64
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

/// One version of a conversion as it was, kept when a later version replaces it.
public struct ConversionVersion: Sendable, Equatable, Codable {
    public var version: Int
    public var status: ConversionStatus
    public var reason: String
    public var amount: Money?
    public var fields: [String: String]
    public var transactionID: String
    public var postbackCount: Int
    public var occurredAtMs: Int64
    public var recordedAtMs: Int64
    /// What made it.
    public var cause: FeedbackOutcome
    /// Who made it, e.g. `uid:1000 role:recorder`.
    public var actor: String
    /// The feedback event that made it.
    public var eventSeq: Int64

    /// The version `conversion` is at now, made by `cause`.
    public init(of conversion: Conversion, cause: FeedbackOutcome, actor: String, eventSeq: Int64, recordedAtMs: Int64) {
        version = conversion.version
        status = conversion.status
        reason = conversion.reason
        amount = conversion.amount
        fields = conversion.fields
        transactionID = conversion.transactionID
        postbackCount = conversion.postbackCount
        occurredAtMs = conversion.occurredAtMs
        self.recordedAtMs = recordedAtMs
        self.cause = cause
        self.actor = actor
        self.eventSeq = eventSeq
    }
}
