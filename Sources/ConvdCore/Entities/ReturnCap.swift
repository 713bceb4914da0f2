/// A per-source cap on returns in one calendar month (UTC).
public enum ReturnCap: Sendable, Equatable, Codable {
    /// At most this many returns a month.
    case count(UInt32)
    /// At most this share of the month's deliveries, in basis points (1000 = 10%).
    case shareBasisPoints(UInt32)
}
