/// A system leads are delivered to (a CRM), with the feedback it may send.
public struct Recipient: Sendable, Equatable, Codable {
    /// Slug, immutable.
    public var id: String
    /// Free text for people.
    public var name: String
    /// Which feedback it may send and how it counts.
    public var feedback: FeedbackSettings
    /// Free-form labels.
    public var labels: [String: String]
    /// Set by the store, Unix ms UTC.
    public var createdAtMs: Int64
    /// Set by the store, Unix ms UTC.
    public var updatedAtMs: Int64
    /// When it was archived (deleted while it had history); 0 when live.
    public var archivedAtMs: Int64 = 0

    /// Creates a recipient.
    public init(
        id: String, name: String = "", feedback: FeedbackSettings = .defaults,
        labels: [String: String] = [:], createdAtMs: Int64 = 0, updatedAtMs: Int64 = 0
    ) {
        self.id = id
        self.name = name
        self.feedback = feedback
        self.labels = labels
        self.createdAtMs = createdAtMs
        self.updatedAtMs = updatedAtMs
    }
}
