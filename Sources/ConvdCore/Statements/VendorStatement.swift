/// A monthly vendor statement: what a source's leads of one month cost, what was credited back
/// for returns, what they earned, and what is owed, plus changes to earlier closed months.
public struct VendorStatement: Sendable, Equatable {
    /// The source.
    public var sourceID: String
    /// "2026-11".
    public var month: String
    /// The IANA zone of the month's boundaries.
    public var timeZone: String
    /// [fromMs, toMs): the month.
    public var fromMs: Int64
    /// The end of the month (exclusive).
    public var toMs: Int64
    /// The month's own lines.
    public var lines: [StatementLine] = []
    /// Changes to leads of earlier closed months that arrived after those closed.
    public var priorPeriod: [StatementLine] = []
    /// Lead cost minus credits, own and prior-period lines together, per currency.
    public var owed: [Money] = []
    /// Set when the month is closed.
    public var closed: StatementClose?
    /// The month's leads (a page), when asked for.
    public var details: [StatementDetail] = []
    /// Where the next page of details starts; empty at the end.
    public var nextPageToken = ""

    /// An empty statement for a month.
    public init(sourceID: String, month: String, timeZone: String, fromMs: Int64, toMs: Int64) {
        self.sourceID = sourceID
        self.month = month
        self.timeZone = timeZone
        self.fromMs = fromMs
        self.toMs = toMs
    }
}
