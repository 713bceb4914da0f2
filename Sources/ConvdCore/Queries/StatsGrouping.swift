/// What stats rows are grouped by.
public enum StatsGrouping: String, Sendable, CaseIterable {
    /// One row in all, or one per recipient, source, conversion type, or calendar day, ISO week or
    /// month in the query's time zone.
    case none, recipient, source, type, day, week, month

    /// Whether the grouping cuts time into calendar periods.
    public var isPeriod: Bool { self == .day || self == .week || self == .month }
}
