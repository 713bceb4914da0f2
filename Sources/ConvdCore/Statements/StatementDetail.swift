/// One lead of a statement's month, as it stands now, with the IDs that trace it.
public struct StatementDetail: Sendable, Equatable {
    /// The delivery.
    public var eventID: String
    /// Its recipient.
    public var recipientID: String
    /// When it was delivered, Unix ms UTC.
    public var deliveredAtMs: Int64
    /// What it cost.
    public var cost: Money?
    /// The reason of its return, when one stands.
    public var returnReason: String
    /// The feedback event that recorded the return; 0 without one.
    public var returnFeedbackSeq: Int64
    /// Its counted conversions, as "id:type".
    public var conversionIDs: [String]
    /// Their approved revenue, per currency.
    public var revenue: [Money]

    /// A detail line.
    public init(eventID: String, recipientID: String, deliveredAtMs: Int64, cost: Money?, returnReason: String = "", returnFeedbackSeq: Int64 = 0,
                conversionIDs: [String] = [], revenue: [Money] = []) {
        self.eventID = eventID
        self.recipientID = recipientID
        self.deliveredAtMs = deliveredAtMs
        self.cost = cost
        self.returnReason = returnReason
        self.returnFeedbackSeq = returnFeedbackSeq
        self.conversionIDs = conversionIDs
        self.revenue = revenue
    }
}
