/// The figures of one stats group.
public struct StatsRow: Sendable, Equatable {
    /// The recipient, source, type or period; empty when not grouped.
    public var group: String
    /// The second grouping's value; empty with one level.
    public var subgroup = ""
    /// Leads delivered.
    public var deliveries: UInt64 = 0
    /// Not rejected or retracted.
    public var conversions: UInt64 = 0
    /// Conversions still PENDING.
    public var pendingConversions: UInt64 = 0
    /// Conversions REJECTED.
    public var rejectedConversions: UInt64 = 0
    /// Conversions RETRACTED.
    public var retractedConversions: UInt64 = 0
    /// Per currency.
    public var approvedValue: [Money] = []
    /// Pending value, per currency.
    public var pendingValue: [Money] = []
    /// Returns recorded.
    public var returns: UInt64 = 0
    /// Feedback refused by a rule set.
    public var rejectedFeedback: UInt64 = 0
    /// Deliveries with at least one counted (not negative, not rejected or retracted) conversion.
    public var convertedDeliveries: UInt64 = 0
    /// Conversions of negative types (FakeLead by default), not rejected or retracted.
    public var flagged: UInt64 = 0
    /// What the leads cost, per currency (deliveries without a cost add nothing).
    public var cost: [Money] = []
    /// What the source owes back for returned leads (their cost), per currency; retracted returns credit nothing.
    public var credits: [Money] = []

    /// An empty row for `group`.
    public init(group: String) { self.group = group }

    /// convertedDeliveries / deliveries, 0 without deliveries; at most 1.
    public var conversionRate: Double { deliveries == 0 ? 0 : min(1, Double(convertedDeliveries) / Double(deliveries)) }
    /// returns / deliveries, 0 without deliveries.
    public var returnRate: Double { deliveries == 0 ? 0 : Double(returns) / Double(deliveries) }
}
