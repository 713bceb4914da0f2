/// The feedback semantics of DESIGN.md as a pure function: settings checks, rule sets, then the
/// conversion type's mode. No SQL, no clock, no sockets: everything comes in through the context.
public enum FeedbackPolicy {
    /// Milliseconds in a day.
    static let dayMs: Int64 = 86_400_000

    /// Decides what `input` does, given what the store loaded and the time now.
    /// - Throws: `failedPrecondition` (feedback kind off, return window passed, currency mismatch,
    ///   retracted conversion) or `invalidArgument` (unknown type under strict types, a return reason
    ///   not allowed).
    public static func decide(_ input: FeedbackInput, context: FeedbackContext, nowMs: Int64) throws(ConvdError) -> FeedbackDecision {
        let recipient = context.recipient
        let settings = recipient.feedback
        switch input.kind {
        case .conversion:
            guard settings.receiveConversions else {
                throw .failedPrecondition("conversion feedback is not enabled for recipient \(recipient.id)")
            }
            let type = try ModeResolver.resolve(input.conversionType, settings: settings, recipientID: recipient.id)
            if let failure = failedRule(input, context: context) { return .rejected(detail: failure) }
            return try applyMode(type, input: input, context: context, nowMs: nowMs)
        case .return:
            guard settings.receiveReturns else {
                throw .failedPrecondition("return feedback is not enabled for recipient \(recipient.id)")
            }
            try checkReturnPolicy(input, context: context, nowMs: nowMs)
            if let failure = failedRule(input, context: context) { return .rejected(detail: failure) }
            if context.hasReturn {
                return .duplicateReturn(detail: "delivery \(context.delivery.eventID) was already returned")
            }
            return .recordReturn
        }
    }

    private static func checkReturnPolicy(_ input: FeedbackInput, context: FeedbackContext, nowMs: Int64) throws(ConvdError) {
        let settings = context.recipient.feedback
        let allowed = settings.allowedReturnReasons
        if !allowed.isEmpty && !allowed.contains(where: { $0.lowercased() == input.reason.trimmingSpaces.lowercased() }) {
            throw .invalid(field: "feedback.reason",
                           "'\(input.reason)' is not an allowed return reason for recipient \(context.recipient.id); allowed: \(allowed.joined(separator: ", "))")
        }
        if let cap = context.returnCap {
            let month = UTCMonth.bounds(of: nowMs).name
            let used = context.sourceReturnsThisMonth
            let source = context.delivery.sourceID
            switch cap {
            case .count(let max) where used >= Int(clamping: max):
                throw .failedPrecondition(
                    "source \(source)'s monthly return cap of \(max) is reached (\(used) returns in \(month))")
            case .shareBasisPoints(let bps):
                // bps is at most 10,000 (checked at Put) and deliveries fit in Int, so this cannot overflow.
                let allowed = context.sourceDeliveriesThisMonth.multipliedReportingOverflow(by: Int(clamping: bps)).partialValue / 10_000
                if used >= allowed {
                    throw .failedPrecondition(
                        "source \(source)'s monthly return cap of \(MoneyFormat.decimal(Money(amountMinor: Int64(clamping: bps), currency: "XXX")))% of \(context.sourceDeliveriesThisMonth) deliveries (\(allowed) returns) is reached (\(used) returns in \(month))")
                }
            default: break
            }
        }
        let window = Int64(clamping: settings.returnWindowDays)
        // Stored times predate today's input checks, so the difference is computed without trapping.
        let (age, overflow) = nowMs.subtractingReportingOverflow(context.delivery.deliveredAtMs)
        if window > 0 && (overflow || age > window * dayMs) {
            throw .failedPrecondition(
                "return for delivery \(context.delivery.eventID) is past recipient \(context.recipient.id)'s \(window)-day return window")
        }
    }

    private static func failedRule(_ input: FeedbackInput, context: FeedbackContext) -> String? {
        if let verdict = context.ruleVerdict, verdict.applies(to: context.delivery, recipient: context.recipient) {
            return verdict.failure
        }
        return ruleFailure(input, delivery: context.delivery, recipient: context.recipient)
    }

    /// The first failing rule of `recipient`'s rule sets for `input` on `delivery`, in words; nil when
    /// all hold. The store calls this before the writer (see `RuleVerdict`).
    public static func ruleFailure(_ input: FeedbackInput, delivery: Delivery, recipient: Recipient) -> String? {
        guard let rules = recipient.feedback.rules else { return nil }
        return RuleEvaluator.firstFailure(of: rules) { FeedbackFields.value(of: $0, input: input, delivery: delivery) }
    }

    private static func applyMode(_ type: ResolvedType, input: FeedbackInput, context: FeedbackContext, nowMs: Int64) throws(ConvdError) -> FeedbackDecision {
        let occurred = input.occurredAtMs == 0 ? nowMs : input.occurredAtMs
        guard let existing = context.existing, type.mode != .createNew else {
            let slot: Int? = type.mode == .createNew ? nil : 0
            return .create(newConversion(type, input: input, context: context, occurred: occurred, nowMs: nowMs), slot: slot)
        }
        switch type.mode {
        case .createNew:
            fatalError("handled above")
        case .ignoreDuplicates:
            let window = Int64(clamping: type.duplicateWindowSeconds) * 1000
            if window > 0 && nowMs - existing.createdAtMs >= window {
                let slot = (context.existingSlot ?? 0) + 1
                return .create(newConversion(type, input: input, context: context, occurred: occurred, nowMs: nowMs), slot: slot)
            }
            return .duplicate(existing, detail: "conversion \(existing.id) already counts \(type.name) for \(existing.attributionID)")
        case .update:
            try requireNotRetracted(existing)
            if occurred < existing.occurredAtMs {
                return .stale(existing, detail: "feedback occurred before conversion \(existing.id)'s current version")
            }
            var next = existing
            next.reason = input.reason
            next.amount = input.amount
            next.fields = input.fields
            next.transactionID = input.transactionID
            next.occurredAtMs = occurred
            next.version += 1
            next.postbackCount += 1
            next.updatedAtMs = nowMs
            if input.status != existing.status {
                try requireMove(existing, to: input.status)
                next.status = input.status
            }
            next.settleValue()
            return .update(next)
        case .increment:
            try requireNotRetracted(existing)
            var next = existing
            if let have = existing.amount, let add = input.amount, have.currency != add.currency {
                throw .failedPrecondition(
                    "conversion \(existing.id) is in \(have.currency); an INCREMENT in \(add.currency) is never summed")
            }
            switch input.status {
            case .approved: next.approvedAmount = try InstalmentLedger.add(existing.approvedAmount, input.amount, existing.id)
            case .pending: next.pendingAmount = try InstalmentLedger.add(existing.pendingAmount, input.amount, existing.id)
            case .rejected, .retracted: break
            }
            let counted = try InstalmentLedger.add(next.approvedAmount, next.pendingAmount, existing.id)
            let currency = existing.amount?.currency ?? input.amount?.currency
            next.amount = counted ?? currency.map { Money(amountMinor: 0, currency: $0) }
            next.status = InstalmentLedger.status(of: [existing.status, input.status])
            next.version += 1
            next.postbackCount += 1
            next.updatedAtMs = nowMs
            next.occurredAtMs = max(existing.occurredAtMs, occurred)
            next.transactionID = input.transactionID
            let instalment = Instalment(number: next.postbackCount, transactionID: input.transactionID, amount: input.amount,
                                        status: input.status, occurredAtMs: occurred, recordedAtMs: nowMs, version: next.version)
            return .increment(next, instalment)
        }
    }

    private static func requireNotRetracted(_ c: Conversion) throws(ConvdError) {
        if c.status == .retracted { throw .failedPrecondition("conversion \(c.id) is RETRACTED and cannot change") }
    }

    private static func requireMove(_ c: Conversion, to next: ConversionStatus) throws(ConvdError) {
        guard c.status.canMove(to: next) else {
            throw .failedPrecondition("conversion \(c.id) cannot move from \(c.status.rawValue) to \(next.rawValue)")
        }
    }

    private static func newConversion(_ type: ResolvedType, input: FeedbackInput, context: FeedbackContext,
                                      occurred: Int64, nowMs: Int64) -> Conversion {
        let d = context.delivery
        var c = Conversion(
            id: context.newConversionID, recipientID: d.recipientID, sourceID: d.sourceID, conversionType: type.name,
            attributionID: d.attributionID, eventID: d.eventID, clickID: d.clickID, mode: type.mode, status: input.status,
            reason: input.reason, amount: input.amount, fields: input.fields, transactionID: input.transactionID,
            version: 1, postbackCount: 1, test: d.test, createdAtMs: nowMs, updatedAtMs: nowMs, occurredAtMs: occurred)
        c.negative = type.negative
        return c
    }
}
