/// Applies an adjustment to a conversion, purely.
public enum AdjustmentPolicy {
    /// The conversion after `adjustment`, one version later.
    /// - Throws: `failedPrecondition` for a forbidden status move or a restatement in another currency.
    public static func apply(_ adjustment: AdjustmentInput, to c: Conversion, nowMs: Int64) throws(ConvdError) -> Conversion {
        var next = c
        let target: ConversionStatus
        switch adjustment.kind {
        case .retract: target = .retracted
        case .approve: target = .approved
        case .reject: target = .rejected
        case .restate: target = c.status
        }
        guard c.status.canMove(to: target), c.status != .retracted else {
            throw .failedPrecondition("conversion \(c.id) cannot move from \(c.status.rawValue) to \(target.rawValue)")
        }
        next.status = target
        if adjustment.kind == .restate {
            guard let amount = adjustment.amount else { throw .invalid(field: "amount", "RESTATE needs the new amount") }
            guard amount.amountMinor >= 0, amount.amountMinor <= InputBounds.maxAmountMinor else {
                throw .invalid(field: "amount.amount_minor", "must be 0 to \(InputBounds.maxAmountMinor), got \(amount.amountMinor)")
            }
            if let have = c.amount, have.currency != amount.currency {
                throw .failedPrecondition("conversion \(c.id) is in \(have.currency); a RESTATE in \(amount.currency) is refused")
            }
            next.amount = amount
        }
        if !adjustment.reason.isEmpty { next.reason = adjustment.reason }
        next.settleValue()
        next.version += 1
        next.updatedAtMs = nowMs
        next.occurredAtMs = adjustment.occurredAtMs == 0 ? nowMs : adjustment.occurredAtMs
        return next
    }
}
