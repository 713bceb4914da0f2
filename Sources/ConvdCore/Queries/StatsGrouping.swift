/// What stats rows are grouped by.
public enum StatsGrouping: String, Sendable, CaseIterable {
    /// One row in all, or one per recipient, source, conversion type or UTC day.
    case none, recipient, source, type, day
}
