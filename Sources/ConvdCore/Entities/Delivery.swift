/// One lead delivered to one recipient from one source.
public struct Delivery: Sendable, Equatable, Codable {
    /// Unique; generated (time-sortable) when the caller gives none.
    public var eventID: String
    /// The recipient it was delivered to.
    public var recipientID: String
    /// The source that sold or sent it.
    public var sourceID: String
    /// The ad click it came from; empty when none.
    public var clickID: String
    /// The lead's fields.
    public var lead: [String: String]
    /// Test deliveries stay out of stats unless asked for.
    public var test: Bool
    /// When it was delivered, Unix ms UTC.
    public var deliveredAtMs: Int64
    /// When convd recorded it, Unix ms UTC.
    public var recordedAtMs: Int64
    /// When its lead's personal data was erased, Unix ms UTC; 0 if never.
    public var erasedAtMs: Int64 = 0
    /// What the lead cost (paid to its source): given on Record, else the source's price for the
    /// recipient at that moment, else none. Corrected by `Deliveries/AdjustCost`.
    public var cost: Money?

    /// Creates a delivery.
    public init(eventID: String, recipientID: String, sourceID: String, clickID: String = "",
                lead: [String: String] = [:], test: Bool = false, deliveredAtMs: Int64 = 0, recordedAtMs: Int64 = 0) {
        self.eventID = eventID
        self.recipientID = recipientID
        self.sourceID = sourceID
        self.clickID = clickID
        self.lead = lead
        self.test = test
        self.deliveredAtMs = deliveredAtMs
        self.recordedAtMs = recordedAtMs
    }

    private enum CodingKeys: String, CodingKey {
        case eventID, recipientID, sourceID, clickID, lead, test, deliveredAtMs, recordedAtMs, erasedAtMs, cost
    }

    /// Decodes a delivery; answers saved before erasure and costs existed have no `erasedAtMs` or `cost`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        eventID = try c.decode(String.self, forKey: .eventID)
        recipientID = try c.decode(String.self, forKey: .recipientID)
        sourceID = try c.decode(String.self, forKey: .sourceID)
        clickID = try c.decode(String.self, forKey: .clickID)
        lead = try c.decode([String: String].self, forKey: .lead)
        test = try c.decode(Bool.self, forKey: .test)
        deliveredAtMs = try c.decode(Int64.self, forKey: .deliveredAtMs)
        recordedAtMs = try c.decode(Int64.self, forKey: .recordedAtMs)
        erasedAtMs = try c.decodeIfPresent(Int64.self, forKey: .erasedAtMs) ?? 0
        cost = try c.decodeIfPresent(Money.self, forKey: .cost)
    }

    /// The attribution ID of its conversions: the click ID, or the event ID when it has none.
    public var attributionID: String { clickID.isEmpty ? eventID : clickID }
}
