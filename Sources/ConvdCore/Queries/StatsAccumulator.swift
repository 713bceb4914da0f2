/// Folds aggregate rows into stats rows: the one place that says what each counter means for a
/// query, whether the rows came from the stored hourly aggregates or were read from raw rows.
/// Recipient, source, time and test filters are the reader's (they select rows); the type and
/// status filters are applied here, since they decide which counters a row contributes.
public struct StatsAccumulator: Sendable {
    /// The calendar period (day, week, month) that holds an instant, as its label.
    public typealias PeriodLabel = @Sendable (StatsGrouping, Int64) -> String

    private let query: StatsQuery
    private let label: PeriodLabel
    private let typeFilter: String
    private let typeIndex: Int?
    /// Rows by their group labels; with a type grouping, only typed rows.
    private var rows: [[String]: StatsRow] = [:]
    /// Delivery-level figures by group labels with the type slot empty, copied into each type's row.
    private var untyped: [[String]: StatsRow] = [:]

    /// An empty fold for `query`, naming periods with `label`.
    public init(query: StatsQuery, label: @escaping PeriodLabel) {
        self.query = query
        self.label = label
        typeFilter = query.filter.conversionType.lowercased()
        typeIndex = query.groupings.firstIndex(of: .type)
    }

    /// Adds one aggregate row.
    /// - Throws: `failedPrecondition` when a group's value no longer fits in Int64.
    public mutating func add(_ f: StatsFact) throws(ConvdError) {
        // An aggregate whose rows all changed away (a retracted return) is no group of its own.
        if f.isZero { return }
        let byType = typeIndex != nil || !typeFilter.isEmpty
        if !f.status.isEmpty {
            if !typeFilter.isEmpty && f.typeKey != typeFilter { return }
            if !query.filter.statuses.isEmpty && !query.filter.statuses.contains(where: { $0.rawValue == f.status }) { return }
            let key = labels(f, type: f.conversionType)
            var r = row(key)
            switch f.status {
            case ConversionStatus.approved.rawValue, ConversionStatus.pending.rawValue:
                r.conversions = Self.plus(r.conversions, f.conversions)
                r.flagged = Self.plus(r.flagged, f.flagged)
                if f.status == ConversionStatus.pending.rawValue { r.pendingConversions = Self.plus(r.pendingConversions, f.conversions) }
                if !f.currency.isEmpty {
                    if f.approvedN > 0 { r.approvedValue = try Self.add(f.approved, f.currency, to: r.approvedValue, group: r.group) }
                    if f.pendingN > 0 { r.pendingValue = try Self.add(f.pending, f.currency, to: r.pendingValue, group: r.group) }
                }
            case ConversionStatus.rejected.rawValue: r.rejectedConversions = Self.plus(r.rejectedConversions, f.conversions + f.flagged)
            default: r.retractedConversions = Self.plus(r.retractedConversions, f.conversions + f.flagged)
            }
            rows[key] = r
        } else if !f.conversionType.isEmpty {
            guard byType, typeFilter.isEmpty || f.typeKey == typeFilter else { return }
            let key = labels(f, type: f.conversionType)
            var r = row(key)
            r.convertedDeliveries = Self.plus(r.convertedDeliveries, f.converted)
            rows[key] = r
        } else {
            let key = labels(f, type: "")
            var r = typeIndex == nil ? row(key) : (untyped[key] ?? StatsRow(group: ""))
            r.deliveries = Self.plus(r.deliveries, f.deliveries)
            if !byType { r.convertedDeliveries = Self.plus(r.convertedDeliveries, f.convertedAny) }
            r.returns = Self.plus(r.returns, f.returns)
            r.rejectedFeedback = Self.plus(r.rejectedFeedback, f.rejectedFeedback)
            if !f.currency.isEmpty {
                if f.costN > 0 { r.cost = try Self.add(f.cost, f.currency, to: r.cost, group: r.group) }
                if f.creditN > 0 { r.credits = try Self.add(f.credits, f.currency, to: r.credits, group: r.group) }
            }
            if typeIndex == nil { rows[key] = r } else { untyped[key] = r }
        }
    }

    /// The stats rows, sorted by group then subgroup. Grouped by type, each type's row carries the
    /// deliveries, cost and credits of its other groups (deliveries have no type), and returns and
    /// rejected feedback are not split by type.
    public func result() -> [StatsRow] {
        rows.map { key, row in
            guard let t = typeIndex else { return row }
            var bare = key
            bare[t] = ""
            guard let totals = untyped[bare] else { return row }
            var r = row
            r.deliveries = totals.deliveries
            r.cost = totals.cost
            r.credits = totals.credits
            return r
        }.sorted { ($0.group, $0.subgroup) < ($1.group, $1.subgroup) }
    }

    private func labels(_ f: StatsFact, type: String) -> [String] {
        query.groupings.map { g in
            switch g {
            case .none: ""
            case .recipient: f.recipientID
            case .source: f.sourceID
            case .type: type
            case .day, .week, .month: label(g, f.bucketMs)
            }
        }
    }

    private func row(_ key: [String]) -> StatsRow {
        if let r = rows[key] { return r }
        var r = StatsRow(group: key.first ?? "")
        if key.count > 1 { r.subgroup = key[1] }
        return r
    }

    private static func plus(_ total: UInt64, _ n: Int64) -> UInt64 {
        n >= 0 ? total &+ UInt64(clamping: n) : total &- min(total, UInt64(clamping: -(n + 1)) &+ 1)
    }

    private static func add(_ amount: Int64, _ currency: String, to values: [Money], group: String) throws(ConvdError) -> [Money] {
        var v = values
        let more = Money(amountMinor: amount, currency: currency)
        if let i = v.firstIndex(where: { $0.currency == currency }) {
            guard let sum = v[i].adding(more) else {
                throw .failedPrecondition("the value in \(currency) of stats group '\(group)' exceeds the largest amount (\(Int64.max) minor units); narrow the filter (by recipient, source or time)")
            }
            v[i] = sum
        } else {
            v.append(more)
        }
        return v.sorted { $0.currency < $1.currency }
    }
}
