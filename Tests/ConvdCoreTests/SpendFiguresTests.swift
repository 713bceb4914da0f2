@testable import ConvdCore
import Testing

/// The spend figures of a stats row: per currency, never across currencies, rounded half away from zero.
struct SpendFiguresTests {
    func row(cost: [Money], credits: [Money] = [], revenue: [Money], deliveries: UInt64, converted: UInt64) -> StatsRow {
        var r = StatsRow(group: "g")
        r.cost = cost
        r.credits = credits
        r.approvedValue = revenue
        r.deliveries = deliveries
        r.convertedDeliveries = converted
        return r
    }

    @Test func oneCurrencyGivesProfitROICPAAndEPL() throws {
        let f = try SpendFigures(row: row(cost: [Money(amountMinor: 1_000, currency: "EUR")], credits: [Money(amountMinor: 250, currency: "EUR")],
                                          revenue: [Money(amountMinor: 2_000, currency: "EUR")], deliveries: 3, converted: 2))
        #expect(f.netSpend == [Money(amountMinor: 750, currency: "EUR")])
        #expect(f.profit == [Money(amountMinor: 1_250, currency: "EUR")])
        #expect(f.roi.map(\.value) == [1_250.0 / 750.0] && f.roiNote.isEmpty)
        #expect(f.costPerAcquisition == [Money(amountMinor: 375, currency: "EUR")])
        #expect(f.earningsPerLead == [Money(amountMinor: 667, currency: "EUR")])  // 666.67 rounds up
        #expect(f.returnRateByValue.map(\.value) == [0.25])
    }

    @Test func differentCurrenciesLeaveProfitAndROIEmptyWithTheReason() throws {
        let f = try SpendFigures(row: row(cost: [Money(amountMinor: 1_000, currency: "USD")],
                                          revenue: [Money(amountMinor: 2_000, currency: "EUR")], deliveries: 1, converted: 1))
        #expect(f.profit.isEmpty && f.roi.isEmpty)
        #expect(f.roiNote == "cost in USD, revenue in EUR: no exchange rate is guessed")
        #expect(f.netSpend == [Money(amountMinor: 1_000, currency: "USD")] && f.revenue == [Money(amountMinor: 2_000, currency: "EUR")])
    }

    @Test func noCostMeansNoROIAndHalvesRoundAwayFromZero() throws {
        let f = try SpendFigures(row: row(cost: [], revenue: [Money(amountMinor: 5, currency: "EUR")], deliveries: 2, converted: 0))
        #expect(f.profit == [Money(amountMinor: 5, currency: "EUR")] && f.roi.isEmpty && f.roiNote == "no cost recorded")
        #expect(f.costPerAcquisition.isEmpty && f.earningsPerLead == [Money(amountMinor: 3, currency: "EUR")])  // 2.5 → 3
        #expect(SpendFigures.divide(-5, by: 2) == -3 && SpendFigures.divide(4, by: 3) == 1)
    }
}
