/// The INCREMENT arithmetic over instalments, purely: a conversion's totals are sums over its
/// instalments by status, and an adjustment by transaction ID moves one instalment only.
public enum InstalmentLedger {
    /// What an adjustment of an INCREMENT conversion produced: the conversion one version later and
    /// the instalments it changed (with their new state).
    public struct Adjusted: Sendable, Equatable {
        /// The conversion one version later, totals and status settled.
        public var conversion: Conversion
        /// The instalments the adjustment moved or restated, as they are now.
        public var changed: [Instalment]
    }

    /// The status a conversion shows for instalments in `statuses`: APPROVED if any is approved,
    /// else PENDING if any is pending, else REJECTED if any is rejected, else RETRACTED.
    public static func status(of statuses: [ConversionStatus]) -> ConversionStatus {
        for s in [ConversionStatus.approved, .pending, .rejected] where statuses.contains(s) { return s }
        return .retracted
    }

    /// Approved and pending sums over `instalments`, checked.
    /// - Throws: `failedPrecondition` when a sum would not fit in Int64.
    public static func totals(_ instalments: [Instalment], conversionID: String) throws(ConvdError) -> (approved: Money?, pending: Money?) {
        var approved: Money?, pending: Money?
        for i in instalments {
            guard let amount = i.amount else { continue }
            switch i.status {
            case .approved: approved = try add(approved, amount, conversionID)
            case .pending: pending = try add(pending, amount, conversionID)
            case .rejected, .retracted: break
            }
        }
        return (approved, pending)
    }

    /// `a + b`, checked; nil + b is b.
    public static func add(_ a: Money?, _ b: Money?, _ conversionID: String) throws(ConvdError) -> Money? {
        guard let b else { return a }
        guard let a else { return b }
        guard a.currency == b.currency else {
            throw .failedPrecondition("conversion \(conversionID) is in \(a.currency); an amount in \(b.currency) is never summed")
        }
        guard let sum = a.adding(b) else {
            throw .failedPrecondition(
                "conversion \(conversionID) holds \(a.amountMinor) \(a.currency) minor units; adding \(b.amountMinor) would overflow the largest amount (\(Int64.max))")
        }
        return sum
    }

    /// Sets `c`'s totals, amount and status from all its instalments. A conversion retracted as a
    /// whole keeps its last amount (what was charged back) but counts nowhere.
    public static func settle(_ c: inout Conversion, instalments: [Instalment]) throws(ConvdError) {
        let (approved, pending) = try totals(instalments, conversionID: c.id)
        c.status = instalments.isEmpty ? c.status : status(of: instalments.map(\.status))
        if c.status == .retracted {
            (c.approvedAmount, c.pendingAmount) = (nil, nil)
            return
        }
        (c.approvedAmount, c.pendingAmount) = (approved, pending)
        let counted = try add(approved, pending, c.id)
        let currency = instalments.lazy.compactMap(\.amount).first?.currency
        c.amount = counted ?? currency.map { Money(amountMinor: 0, currency: $0) }
    }

    /// Applies `adjustment` to INCREMENT conversion `c` with `instalments`: to the instalment
    /// numbered `only` (found by its transaction ID), or to every instalment it can move.
    /// - Throws: `failedPrecondition` for a forbidden move, a RESTATE of several instalments at once,
    ///   or another currency; `invalidArgument` for a RESTATE without an amount.
    public static func adjust(_ adjustment: AdjustmentInput, conversion c: Conversion, instalments: [Instalment],
                              only: Int?, nowMs: Int64) throws(ConvdError) -> Adjusted {
        guard c.status != .retracted else { throw .failedPrecondition("conversion \(c.id) is RETRACTED and cannot change") }
        var all = instalments
        let targets = only.map { n in all.indices.filter { all[$0].number == n } } ?? Array(all.indices)
        var next = c
        next.version += 1
        var changed: [Int] = []
        switch adjustment.kind {
        case .restate:
            guard let amount = adjustment.amount else { throw .invalid(field: "amount", "RESTATE needs the new amount") }
            guard targets.count == 1, let i = targets.first else {
                throw .failedPrecondition(
                    "conversion \(c.id) has \(targets.count) instalments; RESTATE one of them by its transaction ID")
            }
            if let have = all[i].amount ?? c.amount, have.currency != amount.currency {
                throw .failedPrecondition("conversion \(c.id) is in \(have.currency); a RESTATE in \(amount.currency) is refused")
            }
            guard all[i].status != .retracted else {
                throw .failedPrecondition("instalment \(all[i].number) of conversion \(c.id) is RETRACTED and cannot change")
            }
            all[i].amount = amount
            changed = [i]
        case .retract, .approve, .reject:
            let target: ConversionStatus = adjustment.kind == .retract ? .retracted : adjustment.kind == .approve ? .approved : .rejected
            var blocked: [Int] = []
            for i in targets where all[i].status != target {
                if all[i].status.canMove(to: target) && all[i].status != .retracted {
                    all[i].status = target
                    changed.append(i)
                } else {
                    blocked.append(i)
                }
            }
            // One instalment must be able to move; the whole conversion moves what can move, and
            // (like any conversion) an APPROVE of what is approved already is a no-op version.
            if let i = blocked.first, only != nil || (changed.isEmpty && !targets.contains { all[$0].status == target }) {
                throw .failedPrecondition(
                    "instalment \(all[i].number) of conversion \(c.id) cannot move from \(all[i].status.rawValue) to \(target.rawValue)")
            }
        }
        for i in changed { all[i].version = next.version }
        if adjustment.kind == .retract && only == nil {
            next.status = .retracted  // the whole conversion: settle keeps its amount, counts it nowhere
        }
        try settle(&next, instalments: all)
        if !adjustment.reason.isEmpty { next.reason = adjustment.reason }
        if let only, let i = all.firstIndex(where: { $0.number == only }) { next.transactionID = all[i].transactionID }
        next.updatedAtMs = nowMs
        next.occurredAtMs = adjustment.occurredAtMs == 0 ? nowMs : adjustment.occurredAtMs
        return Adjusted(conversion: next, changed: changed.map { all[$0] })
    }
}
