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

    /// The attribution ID of its conversions: the click ID, or the event ID when it has none.
    public var attributionID: String { clickID.isEmpty ? eventID : clickID }
}
