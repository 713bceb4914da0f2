/// Where a forward stands.
public enum OutboxState: String, Sendable, Codable, CaseIterable {
    /// PENDING waits for its next attempt, SENT was delivered, DEAD gave up.
    case pending = "PENDING", sent = "SENT", dead = "DEAD"
}
