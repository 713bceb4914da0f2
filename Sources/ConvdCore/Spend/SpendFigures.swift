/// What a stats row's leads cost against what they earned, per currency and never across
/// currencies: no exchange rate is guessed. Amounts divided (CPA, EPL) are rounded half away from
/// zero to the minor unit.
public struct SpendFigures: Sendable, Equatable {
    /// A ratio in one currency (ROI, return rate by value).
    public struct Ratio: Sendable, Equatable {
        /// The currency both sides of the ratio are in.
        public var currency: String
        /// The ratio (0.25 is 25%).
        public var value: Double
    }

    /// Cost minus credits.
    public var netSpend: [Money] = []
    /// Approved value (pending is apart, in the row).
    public var revenue: [Money] = []
    /// Revenue minus net spend; empty when the two are in different currencies.
    public var profit: [Money] = []
    /// Profit over net spend, where net spend is positive; empty as profit is.
    public var roi: [Ratio] = []
    /// Net spend per converted lead.
    public var costPerAcquisition: [Money] = []
    /// Revenue per lead delivered.
    public var earningsPerLead: [Money] = []
    /// Credits over cost: the share of spend returned.
    public var returnRateByValue: [Ratio] = []
    /// Why profit and ROI are empty, when they are.
    public var roiNote = ""

    /// The figures of `row`. - Throws: `failedPrecondition` when a difference does not fit in Int64.
    public init(row: StatsRow) throws(ConvdError) {
        var net: [String: Int64] = [:]
        for c in row.cost { net[c.currency, default: 0] = try Self.checked(net[c.currency, default: 0], plus: c.amountMinor, row.group) }
        for c in row.credits { net[c.currency, default: 0] = try Self.checked(net[c.currency, default: 0], plus: -c.amountMinor, row.group) }
        netSpend = net.keys.sorted().map { Money(amountMinor: net[$0] ?? 0, currency: $0) }
        revenue = row.approvedValue.sorted { $0.currency < $1.currency }

        for c in row.cost where c.amountMinor > 0 {
            let credit = row.credits.first { $0.currency == c.currency }?.amountMinor ?? 0
            returnRateByValue.append(Ratio(currency: c.currency, value: Double(credit) / Double(c.amountMinor)))
        }
        returnRateByValue.sort { $0.currency < $1.currency }
        if row.convertedDeliveries > 0 {
            costPerAcquisition = netSpend.map { Money(amountMinor: Self.divide($0.amountMinor, by: row.convertedDeliveries), currency: $0.currency) }
        }
        if row.deliveries > 0 {
            earningsPerLead = revenue.map { Money(amountMinor: Self.divide($0.amountMinor, by: row.deliveries), currency: $0.currency) }
        }

        let spent = Set(row.cost.map(\.currency)), earned = Set(revenue.map(\.currency))
        guard spent.isEmpty || earned.isEmpty || spent == earned else {
            roiNote = "cost in \(spent.sorted().joined(separator: "+")), revenue in \(earned.sorted().joined(separator: "+")): no exchange rate is guessed"
            return
        }
        for currency in spent.union(earned).sorted() {
            let income = revenue.first { $0.currency == currency }?.amountMinor ?? 0
            let outgo = net[currency] ?? 0
            let p = try Self.checked(income, plus: -outgo, row.group)
            profit.append(Money(amountMinor: p, currency: currency))
            if outgo > 0 { roi.append(Ratio(currency: currency, value: Double(p) / Double(outgo))) }
        }
        if roi.isEmpty { roiNote = spent.isEmpty ? "no cost recorded" : "nothing spent net of credits" }
    }

    /// `a + b`, or a refusal naming the group.
    static func checked(_ a: Int64, plus b: Int64, _ group: String) throws(ConvdError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else {
            throw .failedPrecondition("a spend figure of stats group '\(group)' exceeds the largest amount; narrow the filter")
        }
        return sum
    }

    /// `amount / count`, rounded half away from zero.
    static func divide(_ amount: Int64, by count: UInt64) -> Int64 {
        let n = Int64(clamping: count)
        let (q, r) = amount.quotientAndRemainder(dividingBy: n)
        if r.magnitude * 2 >= n.magnitude { return q + (amount < 0 ? -1 : 1) }
        return q
    }
}
