/// An accepted return of a delivery, and its credit: the lead's cost, owed back by the source
/// until the return is retracted.
public struct DeliveryReturn: Sendable, Equatable, Codable {
    /// The delivery returned.
    public var eventID: String
    /// Its recipient.
    public var recipientID: String
    /// Its source (who owes the credit).
    public var sourceID: String
    /// Why it was returned.
    public var reason: String
    /// When the return was recorded, Unix ms UTC.
    public var returnedAtMs: Int64
    /// The credit: the delivery's cost when the return is live; nil without a cost or once retracted.
    public var credit: Money?
    /// When it was retracted; 0 while it stands.
    public var retractedAtMs: Int64
    /// Why it was retracted.
    public var retractReason: String
    /// Who retracted it.
    public var retractedBy: String

    /// Creates a return.
    public init(eventID: String, recipientID: String, sourceID: String, reason: String, returnedAtMs: Int64, credit: Money?,
                retractedAtMs: Int64 = 0, retractReason: String = "", retractedBy: String = "") {
        self.eventID = eventID
        self.recipientID = recipientID
        self.sourceID = sourceID
        self.reason = reason
        self.returnedAtMs = returnedAtMs
        self.credit = credit
        self.retractedAtMs = retractedAtMs
        self.retractReason = retractReason
        self.retractedBy = retractedBy
    }
}
