/// Where a forward stands.
public enum OutboxState: String, Sendable, Codable, CaseIterable {
    case pending = "PENDING", sent = "SENT", dead = "DEAD"
}
