import ConvdCore
import ConvdProto

/// Value per day in one currency as an SVG bar chart: approved (dark) and pending (light)
/// stacked, in minor units scaled to the day with the most. One chart per currency, since no
/// exchange rate is guessed. Bars carry their amounts (decimal text) in `data-*` attributes.
enum ValueChart {
    /// One chart per currency found in `days`.
    static func svgs(_ days: [(String, Convd_V1_StatsRow)], id: String) -> String {
        let currencies = Set(days.flatMap { $0.1.approvedValue.map(\.currency) + $0.1.pendingValue.map(\.currency) }).sorted()
        return currencies.enumerated().map { n, c in svg(days, currency: c, id: "\(id)-\(n)") }.joined(separator: "\n")
    }

    private static func minor(_ m: [Convd_V1_Money], _ currency: String) -> Int64 {
        m.first { $0.currency == currency }?.amountMinor ?? 0
    }

    static func svg(_ days: [(String, Convd_V1_StatsRow)], currency: String, id: String) -> String {
        let height = 120.0, slot = 44.0, bar = 14.0
        let totals = days.map { (minor($0.1.approvedValue, currency), minor($0.1.pendingValue, currency)) }
        let top = Double(max(1, totals.map { $0.0.addingReportingOverflow($0.1).overflow ? Int64.max : $0.0 + $0.1 }.max() ?? 1))
        func h(_ v: Int64) -> Double { Double(v) / top * height }
        func text(_ v: Int64) -> String { MoneyFormat.decimal(Money(amountMinor: v, currency: currency)) }
        var out = "<svg id=\"\(id)\" class=\"value-chart\" data-currency=\"\(HTMLPage.text(currency))\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(slot * Double(days.count) + 40))\" height=\"\(Int(height + 40))\" role=\"img\" aria-label=\"value per day in \(HTMLPage.text(currency))\">"
        for (i, (day, _)) in days.enumerated() {
            let (approved, pending) = totals[i]
            let x = 30 + slot * Double(i), label = HTMLPage.text(day)
            out += "<g class=\"day\" data-day=\"\(label)\" data-approved-value=\"\(text(approved))\" data-pending-value=\"\(text(pending))\">"
            out += "<title>\(label): \(text(approved)) approved, \(text(pending)) pending \(HTMLPage.text(currency))</title>"
            out += String(format: "<rect class=\"approved\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#276749\"/>",
                          x, height + 10 - h(approved), bar, h(approved))
            out += String(format: "<rect class=\"pending\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#9ae6b4\"/>",
                          x, height + 10 - h(approved) - h(pending), bar, h(pending))
            out += "<text x=\"\(x)\" y=\"\(Int(height + 24))\">\(label.suffix(5))</text></g>"
        }
        return out + "<text x=\"0\" y=\"12\">\(HTMLPage.text(currency))</text></svg>"
    }
}
