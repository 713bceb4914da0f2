import ConvdCore
import GRDB

/// Filters for `Forwarding/List`.
public struct OutboxFilter: Sendable, Equatable {
    /// Only this source's forwards.
    public var sourceID = ""
    /// Only forwards in this state.
    public var state: OutboxState?
    /// created_at in [fromMs, toMs); 0 means open.
    public var fromMs: Int64 = 0
    /// End of the created_at range (exclusive); 0 means open.
    public var toMs: Int64 = 0

    /// No filtering.
    public init() {}
}
