/// What a stats call asks for: a filter, up to two groupings, and the time zone of their periods.
public struct StatsQuery: Sendable, Equatable {
    /// Which rows count.
    public var filter: ConversionFilter
    /// The groupings, outer first: none, one or two, all different, never `.none`.
    public var groupings: [StatsGrouping]
    /// IANA name of the zone whose days, weeks and months the period groupings use; empty is UTC.
    public var timeZone: String

    /// A query; `.none` entries in `groupings` are dropped.
    /// - Throws: `invalid` when a grouping repeats.
    public init(filter: ConversionFilter = ConversionFilter(), groupings: [StatsGrouping] = [], timeZone: String = "") throws(ConvdError) {
        let used = groupings.filter { $0 != .none }
        if used.count == 2 && used[0] == used[1] {
            throw .invalid(field: "then_by", "repeats group_by (\(used[0].rawValue)); pick a different second grouping")
        }
        if used.filter(\.isPeriod).count > 1 {
            throw .invalid(field: "then_by", "groups by two periods (\(used.map(\.rawValue).joined(separator: " and "))); pick one of day, week or month")
        }
        self.filter = filter
        self.groupings = used
        self.timeZone = timeZone
    }

    /// Whether some grouping cuts time into periods.
    public var groupsByPeriod: Bool { groupings.contains(where: \.isPeriod) }
}
