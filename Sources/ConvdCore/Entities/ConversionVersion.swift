/// One version of a conversion as it was, kept when a later version replaces it.
public struct ConversionVersion: Sendable, Equatable, Codable {
    /// Its number: 1 for the first.
    public var version: Int
    /// Status in this version.
    public var status: ConversionStatus
    /// Reason in this version.
    public var reason: String
    /// Amount in this version; nil when none was given.
    public var amount: Money?
    /// Extra fields in this version.
    public var fields: [String: String]
    /// Transaction ID in this version.
    public var transactionID: String
    /// Postbacks counted up to this version.
    public var postbackCount: Int
    /// When this version's postback happened in the CRM, Unix ms UTC.
    public var occurredAtMs: Int64
    /// When this version was recorded, Unix ms UTC.
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
