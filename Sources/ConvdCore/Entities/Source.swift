/// A lead seller or publisher, with where its feedback is forwarded.
public struct Source: Sendable, Equatable, Codable {
    /// Slug, immutable.
    public var id: String
    /// Free text for people.
    public var name: String
    /// Where feedback is forwarded; nil means no forwarding.
    public var forwarding: ForwardingSettings?
    /// Most returns accepted per calendar month; nil means no cap.
    public var returnCap: ReturnCap?
    /// Its price per lead, for deliveries that give no cost; nil for none.
    public var leadCost: LeadCost?
    /// Free-form labels.
    public var labels: [String: String]
    /// Set by the store, Unix ms UTC.
    public var createdAtMs: Int64
    /// Set by the store, Unix ms UTC.
    public var updatedAtMs: Int64
    /// When it was archived (deleted while it had history); 0 when live.
    public var archivedAtMs: Int64 = 0

    /// Creates a source.
    public init(
        id: String, name: String = "", forwarding: ForwardingSettings? = nil, returnCap: ReturnCap? = nil,
        labels: [String: String] = [:], createdAtMs: Int64 = 0, updatedAtMs: Int64 = 0
    ) {
        self.id = id
        self.name = name
        self.forwarding = forwarding
        self.returnCap = returnCap
        self.labels = labels
        self.createdAtMs = createdAtMs
        self.updatedAtMs = updatedAtMs
    }
}
