import ConvdCore
import Testing

/// The money-path rules of issue 10 as pure functions: currencies, instalment totals and moves,
/// partial Puts.
struct MoneyPathRuleTests {
    @Test(arguments: [("EUR", 2), ("JPY", 0), ("BHD", 3), ("CLF", 4), ("USD", 2), ("XCG", 2)])
    func activeCurrenciesHaveTheirExponent(code: String, exponent: Int) {
        #expect(Money.currencyProblem(code) == nil)
        #expect(MoneyFormat.exponent(of: code) == exponent)
    }

    @Test(arguments: ["XYZ", "HRK", "SLL", "XAU", "XXX", "XTS"])
    func inactiveOrNonMoneyCodesAreRefused(code: String) {
        #expect(Money.currencyProblem(code) == "'\(code)' is not an active ISO 4217 currency")
    }

    static func instalment(_ n: Int, _ minor: Int64?, _ status: ConversionStatus) -> Instalment {
        Instalment(number: n, transactionID: "INV-\(n)", amount: minor.map { Money(amountMinor: $0, currency: "EUR") },
                   status: status, occurredAtMs: 0, recordedAtMs: 0, version: n)
    }

    @Test func totalsAreSumsByStatusAndTheStatusIsTheBestOne() throws {
        let all = [Self.instalment(1, 100, .approved), Self.instalment(2, 40, .pending), Self.instalment(3, 7, .rejected),
                   Self.instalment(4, 9, .retracted), Self.instalment(5, nil, .approved)]
        let (approved, pending) = try InstalmentLedger.totals(all, conversionID: "c")
        #expect(approved?.amountMinor == 100 && pending?.amountMinor == 40)
        #expect(InstalmentLedger.status(of: all.map(\.status)) == .approved)
        #expect(InstalmentLedger.status(of: [.pending, .rejected]) == .pending)
        #expect(InstalmentLedger.status(of: [.rejected, .retracted]) == .rejected)
        #expect(InstalmentLedger.status(of: [.retracted]) == .retracted)
        let near = [Self.instalment(1, Int64.max - 1, .approved), Self.instalment(2, 5, .approved)]
        #expect(throws: ConvdError.self) { try InstalmentLedger.totals(near, conversionID: "c") }
    }

    @Test func anUnknownUpdateFieldIsRefusedNamingIt() {
        let stored = Recipient(id: "crm-1", name: "A")
        #expect(throws: ConvdError.self) { try stored.updated(with: Recipient(id: "crm-1"), PutOptions(updateFields: ["nmae"])) }
        let renamed = try? stored.updated(with: Recipient(id: "crm-1", name: "B", labels: ["x": "y"]), PutOptions(updateFields: ["name"]))
        #expect(renamed?.name == "B" && renamed?.labels == [:])
        #expect(throws: ConvdError.aborted(
            "recipient 'crm-1' was changed since it was read: stored updated_at_ms is 5, expected 4; read it again and retry")) {
            try PutOptions(expectedUpdatedAtMs: 4).checkStamp(stored: 5, noun: "recipient", id: "crm-1")
        }
    }
}
