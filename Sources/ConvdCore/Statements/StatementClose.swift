/// A closed month of one source: its figures are final, and later changes to its leads go to the
/// next open month as prior-period adjustments.
public struct StatementClose: Sendable, Equatable, Codable {
    /// "2026-11".
    public var month: String
    /// The IANA zone its boundaries are in.
    public var timeZone: String
    /// [fromMs, toMs): the month in that zone.
    public var fromMs: Int64
    /// The end of the month (exclusive).
    public var toMs: Int64
    /// The source's close count after this close: aggregates written at a lower count were in
    /// the month when it closed, those at this count or above arrived later.
    public var epoch: Int64
    /// When, Unix ms UTC.
    public var closedAtMs: Int64
    /// Who (the caller's identity).
    public var closedBy: String

    /// A close.
    public init(month: String, timeZone: String, fromMs: Int64, toMs: Int64, epoch: Int64, closedAtMs: Int64, closedBy: String) {
        self.month = month
        self.timeZone = timeZone
        self.fromMs = fromMs
        self.toMs = toMs
        self.epoch = epoch
        self.closedAtMs = closedAtMs
        self.closedBy = closedBy
    }
}
