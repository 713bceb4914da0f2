/// What stats rows are grouped by.
public enum StatsGrouping: String, Sendable, CaseIterable {
    case none, recipient, source, type, day
}
