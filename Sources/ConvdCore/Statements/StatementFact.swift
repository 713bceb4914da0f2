/// One statement aggregate: a source's items of one section, label and currency whose leads were
/// delivered in one 15-minute bucket, written while the source had closed `epoch` months.
public struct StatementFact: Sendable, Equatable, Hashable {
    /// Start of the lead-delivery bucket, Unix ms UTC.
    public var bucketMs: Int64
    /// The source's close count when written.
    public var epoch: Int64
    /// Which section.
    public var section: StatementSection
    /// Return reason or conversion type; empty for leads.
    public var label: String
    /// Currency of the amounts; empty when none.
    public var currency: String
    /// How many items (net of removals).
    public var count: Int64
    /// Cost, credit or approved revenue, and how many items carry one.
    public var amount: Int64, amountN: Int64
    /// Pending revenue, and how many items carry it.
    public var pending: Int64, pendingN: Int64

    /// A fact.
    public init(bucketMs: Int64, epoch: Int64, section: StatementSection, label: String, currency: String, count: Int64,
                amount: Int64, amountN: Int64, pending: Int64 = 0, pendingN: Int64 = 0) {
        self.bucketMs = bucketMs
        self.epoch = epoch
        self.section = section
        self.label = label
        self.currency = currency
        self.count = count
        self.amount = amount
        self.amountN = amountN
        self.pending = pending
        self.pendingN = pendingN
    }
}
