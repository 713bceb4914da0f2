/// One value a delivery's cost has had: what it was set to, why, by whom and when.
public struct CostVersion: Sendable, Equatable, Codable {
    /// 1 for the cost the delivery was recorded with, then one more per correction.
    public var version: Int
    /// The cost from this version on; nil when it was removed (or never set).
    public var cost: Money?
    /// Why ("recorded", "source default", or the correction's reason).
    public var reason: String
    /// Who ("uid:1000 role:recorder").
    public var actor: String
    /// When, Unix ms UTC.
    public var atMs: Int64

    /// Creates a version.
    public init(version: Int, cost: Money?, reason: String, actor: String, atMs: Int64) {
        self.version = version
        self.cost = cost
        self.reason = reason
        self.actor = actor
        self.atMs = atMs
    }
}
