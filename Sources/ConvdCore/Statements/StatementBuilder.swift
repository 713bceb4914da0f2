/// The accounting of statements, pure: which aggregates belong to a month, where a change that
/// arrived after its month closed is booked, and the sums, all with checked arithmetic.
public enum StatementBuilder {
    /// The month after "YYYY-MM".
    public static func month(after name: String) -> String {
        let parts = name.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return name }  // no-trap: parses text
        let (ny, nm) = m >= 12 ? (y + 1, 1) : (y, m + 1)
        // Months are 1970-01 to 9999-12 (checked where they are parsed): four-digit years.
        return "\(ny)-" + (nm < 10 ? "0" : "") + "\(nm)"
    }

    /// The month before "YYYY-MM".
    public static func month(before name: String) -> String {
        let parts = name.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return name }  // no-trap: parses text
        let (py, pm) = m <= 1 ? (y - 1, 12) : (y, m - 1)
        return "\(py)-" + (pm < 10 ? "0" : "") + "\(pm)"
    }

    /// The month a change to a lead of closed month `leadMonth`, written at close count `epoch`,
    /// is booked in: the first month after it that was still open when the change was written
    /// (a month closed at a count above `epoch` closed after the write).
    public static func booking(leadMonth: String, epoch: Int64, closes: [String: StatementClose]) -> String {
        var m = month(after: leadMonth)
        while let c = closes[m], c.epoch <= epoch { m = month(after: m) }
        return m
    }

    /// Sums facts into lines by section, label and currency, all named `leadMonth`; lines whose
    /// items all cancelled out are left out.
    /// - Throws: `failedPrecondition` when a sum does not fit in Int64.
    public static func lines(_ facts: [StatementFact], leadMonth: String) throws(ConvdError) -> [StatementLine] {
        struct Key: Hashable { var section: StatementSection; var label: String; var currency: String }
        var sums: [Key: StatementFact] = [:]
        for f in facts {
            let k = Key(section: f.section, label: f.label, currency: f.currency)
            guard var s = sums[k] else { sums[k] = f; continue }
            s.count = try add(s.count, f.count, k.label)
            s.amount = try add(s.amount, f.amount, k.label)
            s.amountN = try add(s.amountN, f.amountN, k.label)
            s.pending = try add(s.pending, f.pending, k.label)
            s.pendingN = try add(s.pendingN, f.pendingN, k.label)
            sums[k] = s
        }
        let order = StatementSection.allCases
        return sums.values.compactMap { s -> StatementLine? in
            let amount = !s.currency.isEmpty && (s.amountN != 0 || s.amount != 0) ? Money(amountMinor: s.amount, currency: s.currency) : nil
            let pending = !s.currency.isEmpty && (s.pendingN != 0 || s.pending != 0) ? Money(amountMinor: s.pending, currency: s.currency) : nil
            guard s.count != 0 || amount != nil || pending != nil else { return nil }
            return StatementLine(section: s.section, label: s.label, leadMonth: leadMonth, count: s.count, amount: amount, pending: pending)
        }.sorted {
            (order.firstIndex(of: $0.section) ?? 0, $0.leadMonth, $0.label, $0.amount?.currency ?? $0.pending?.currency ?? "")
                < (order.firstIndex(of: $1.section) ?? 0, $1.leadMonth, $1.label, $1.amount?.currency ?? $1.pending?.currency ?? "")
        }
    }

    /// Lead cost minus return credits over `lines`, per currency.
    /// - Throws: `failedPrecondition` when a sum does not fit in Int64.
    public static func owed(_ lines: [StatementLine]) throws(ConvdError) -> [Money] {
        var owed: [String: Int64] = [:]
        for l in lines {
            guard let a = l.amount else { continue }
            switch l.section {
            case .leads: owed[a.currency] = try add(owed[a.currency] ?? 0, a.amountMinor, "owed")
            case .returns:
                let zero: Int64 = 0
                let (credit, overflow) = zero.subtractingReportingOverflow(a.amountMinor)
                guard !overflow else { throw .failedPrecondition("a statement credit exceeds the largest amount (\(Int64.max) minor units)") }
                owed[a.currency] = try add(owed[a.currency] ?? 0, credit, "owed")
            case .conversions: continue
            }
        }
        return owed.map { Money(amountMinor: $0.value, currency: $0.key) }.sorted { $0.currency < $1.currency }
    }

    private static func add(_ a: Int64, _ b: Int64, _ what: String) throws(ConvdError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw .failedPrecondition("a statement sum (\(what)) exceeds the largest amount (\(Int64.max) minor units)") }
        return sum
    }
}
