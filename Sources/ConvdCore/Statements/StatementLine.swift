/// One figure of a statement in one currency: leads and their cost, returns of one reason and
/// their credit, or conversions of one type and their revenue.
public struct StatementLine: Sendable, Equatable {
    /// Which part of the statement.
    public var section: StatementSection
    /// The return reason or conversion type; empty for leads.
    public var label: String
    /// The month of the leads the line is about ("2026-10").
    public var leadMonth: String
    /// How many; an adjustment line may be negative.
    public var count: Int64
    /// Cost, credit or approved revenue; nil when the line's items carry no amount.
    public var amount: Money?
    /// Pending revenue (conversions).
    public var pending: Money?

    /// A line.
    public init(section: StatementSection, label: String, leadMonth: String, count: Int64, amount: Money? = nil, pending: Money? = nil) {
        self.section = section
        self.label = label
        self.leadMonth = leadMonth
        self.count = count
        self.amount = amount
        self.pending = pending
    }
}
