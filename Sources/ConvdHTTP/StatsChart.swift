import ConvdProto

/// Conversions per day as an SVG bar chart drawn on the server: per day a stacked bar of approved
/// (dark) and pending (light) conversions, and a returns bar beside it. Each bar carries its
/// figures in `data-*` attributes and a title, so a test (or a reader) can check them.
enum StatsChart {
    /// The chart of `days` (label, figures), as `<svg id=...>` naming its `group` (empty: none).
    static func svg(_ days: [(String, Convd_V1_StatsRow)], id: String, group: String) -> String {
        guard !days.isEmpty else { return "<p>No conversions in this range.</p>" }
        let rows = days.map(\.1)
        let height = 160.0, slot = 44.0, bar = 14.0
        let top = max(1, rows.map { max($0.conversions, $0.returns) }.max() ?? 1)
        func h(_ n: UInt64) -> Double { Double(n) / Double(top) * height }
        var out = "<svg id=\"\(id)\" class=\"chart\" data-group=\"\(HTMLPage.text(group))\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(slot * Double(rows.count) + 40))\" height=\"\(Int(height + 40))\" role=\"img\" aria-label=\"conversions per day\">"
        for (i, r) in rows.enumerated() {
            let x = 30 + slot * Double(i)
            let pending = min(r.pendingConversions, r.conversions), approved = r.conversions - pending
            let day = HTMLPage.text(days[i].0)
            out += "<g class=\"day\" data-day=\"\(day)\" data-approved=\"\(approved)\" data-pending=\"\(pending)\" data-returns=\"\(r.returns)\">"
            out += "<title>\(day): \(approved) approved, \(pending) pending, \(r.returns) returns</title>"
            out += rect(x, height + 10 - h(approved), bar, h(approved), "#2b6cb0", "approved")
            out += rect(x, height + 10 - h(approved) - h(pending), bar, h(pending), "#90cdf4", "pending")
            out += rect(x + bar + 1, height + 10 - h(r.returns), bar, h(r.returns), "#c53030", "returns")
            out += "<text x=\"\(x)\" y=\"\(Int(height + 24))\">\(day.suffix(5))</text></g>"
        }
        return out + "<text x=\"0\" y=\"12\">\(top)</text></svg>"
    }

    private static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ fill: String, _ kind: String) -> String {
        String(format: "<rect class=\"%@\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"/>", kind, x, y, w, h, fill)
    }
}
