/// Records one feedback inside a backend's open transaction: loads what the pure policy needs,
/// lets it decide, writes the decision, its event, its history and its forward. The one place
/// the money path's order of writes lives, whichever backend runs it. A domain error rolls back
/// the effect but still logs a FAILED event, so nothing received is dropped silently; that is why
/// these return a `Result` rather than throwing.
public struct FeedbackRecorder<Store: FeedbackTransactionStore> {
    /// The open transaction.
    public let store: Store
    /// The transaction's time.
    public let nowMs: Int64
    /// Who made the call, for the conversion history.
    public let actor: String
    /// The call's idempotency key ("" without one), logged with each event.
    public let idempotencyKey: String
    /// The User-Agent forwards are sent with.
    public let userAgent: String
    /// A fresh time-sortable ID (conversions, forward keys).
    public var newID: () -> String

    /// A recorder over `store`.
    public init(store: Store, nowMs: Int64, actor: String, idempotencyKey: String, userAgent: String, newID: @escaping () -> String) {
        self.store = store
        self.nowMs = nowMs
        self.actor = actor
        self.idempotencyKey = idempotencyKey
        self.userAgent = userAgent
        self.newID = newID
    }

    /// Records `input`, deciding with the rules' `verdict` computed before the transaction.
    public func record(_ input: FeedbackInput, verdict: RuleVerdict? = nil) throws -> Result<FeedbackResult, ConvdError> {
        var delivery: Delivery?
        do {
            return .success(try store.inSavepoint { try apply(input, verdict: verdict, delivery: &delivery) })
        } catch let error as ConvdError {
            _ = try store.appendEvent(FeedbackEventDraft(receivedAtMs: nowMs, input: input, outcome: .failed, error: error,
                                                         delivery: delivery, recipientID: Self.recipientHint(input.target),
                                                         idempotencyKey: idempotencyKey))
            return .failure(error)
        }
    }

    private func apply(_ input: FeedbackInput, verdict: RuleVerdict?, delivery found: inout Delivery?) throws -> FeedbackResult {
        guard let delivery = try store.delivery(input.target) else {
            switch input.target {
            case .eventID(let id): throw ConvdError.notFound("no delivery with event ID '\(id)'")
            case .click(let click, let recipient): throw ConvdError.notFound("no delivery with click ID '\(click)' for recipient \(recipient)")
            }
        }
        found = delivery
        guard let recipient = try store.recipient(id: delivery.recipientID) else {
            throw ConvdError.notFound("no recipient '\(delivery.recipientID)'")
        }
        if recipient.archivedAtMs != 0 {
            throw ConvdError.archived(noun: "recipient", id: recipient.id, sinceMs: recipient.archivedAtMs, toDo: "record feedback")
        }
        let current = input.kind == .conversion
            ? try store.currentConversion(recipientID: recipient.id, typeKey: input.conversionType.trimmingSpaces.lowercased(),
                                          attributionID: delivery.attributionID)
            : nil
        let hasReturn = input.kind == .return ? try store.hasReturn(eventID: delivery.eventID) : false
        var context = FeedbackContext(delivery: delivery, recipient: recipient, existing: current?.0, existingSlot: current?.slot,
                                      hasReturn: hasReturn, newConversionID: newID())
        context.ruleVerdict = verdict
        // Read once: its return cap and its forwarding settings both come from it.
        let source = try store.source(id: delivery.sourceID)
        if let source, source.archivedAtMs != 0 {
            throw ConvdError.archived(noun: "source", id: source.id, sinceMs: source.archivedAtMs, toDo: "record feedback")
        }
        if input.kind == .return, let cap = source?.returnCap {
            let month = UTCMonth.bounds(of: nowMs)
            context.returnCap = cap
            (context.sourceReturnsThisMonth, context.sourceDeliveriesThisMonth) =
                try store.returnCapCounts(sourceID: delivery.sourceID, startMs: month.start, endMs: month.end)
        }
        var decision = try FeedbackPolicy.decide(input, context: context, nowMs: nowMs)
        decision = try applyTransactionID(input, decision: decision, delivery: delivery)
        var draft = FeedbackEventDraft(receivedAtMs: nowMs, input: input, outcome: decision.outcome, delivery: delivery,
                                       idempotencyKey: idempotencyKey)
        var conversion: Conversion?
        var instalment: Instalment?
        switch decision {
        case .rejected(let detail), .duplicateReturn(let detail):
            draft.detail = detail
        case .duplicate(let c, let detail), .stale(let c, let detail):
            draft.detail = detail
            conversion = c
        case .create(let c, let slot):
            guard try store.insertConversion(c, slot: slot) else {
                throw ConvdError.aborted("conversion key of delivery \(delivery.eventID) changed concurrently; retry")
            }
            if c.mode == .increment {
                let first = Instalment(number: 1, transactionID: c.transactionID, amount: c.amount, status: c.status,
                                       occurredAtMs: c.occurredAtMs, recordedAtMs: nowMs, version: 1)
                try store.insertInstalment(first, conversionID: c.id, recipientID: c.recipientID)
                instalment = first
            }
            conversion = c
        case .update(let c):
            guard try store.replaceConversion(c, previousVersion: c.version - 1) else {
                throw ConvdError.aborted("conversion \(c.id) changed concurrently; retry")
            }
            conversion = c
        case .increment(let c, let added):
            // The version guard makes the read-sum-write safe: a concurrent postback that moved the
            // version first makes this one ABORTED (retryable), never a lost or double sum.
            guard try store.replaceConversion(c, previousVersion: c.version - 1) else {
                throw ConvdError.aborted("conversion \(c.id) changed concurrently; retry")
            }
            try store.insertInstalment(added, conversionID: c.id, recipientID: c.recipientID)
            instalment = added
            conversion = c
        case .recordReturn:
            let inserted = try store.insertReturn(of: delivery, reason: input.reason, returnedAtMs: nowMs,
                                                  occurredAtMs: input.occurredAtMs == 0 ? nowMs : input.occurredAtMs)
            if !inserted {
                draft.outcome = .duplicateIgnored
                draft.detail = "delivery \(delivery.eventID) was already returned"
            }
        }
        draft.conversionID = conversion?.id ?? ""
        let seq = try store.appendEvent(draft)
        switch decision {
        case .create, .update, .increment:
            if let c = conversion {
                try store.insertVersion(ConversionVersion(of: c, cause: draft.outcome, actor: actor, eventSeq: seq, recordedAtMs: nowMs),
                                        conversionID: c.id)
            }
        case .recordReturn where draft.outcome == .returnRecorded:
            try store.setReturnEventSeq(eventID: delivery.eventID, seq: seq)
        default: break
        }
        // Forward what counted, in the same transaction: a crash after the commit loses nothing.
        switch draft.outcome {
        case .created, .updated, .incremented, .returnRecorded:
            if let forward = PendingForward.forFeedback(
                kind: draft.outcome == .returnRecorded ? .return : .conversion, source: source, delivery: delivery,
                conversion: conversion, instalment: instalment, input: input, outcome: draft.outcome, eventSeq: seq,
                nowMs: nowMs, key: "convd-" + newID(), userAgent: userAgent) {
                try store.enqueue(forward)
            }
        default: break
        }
        return FeedbackResult(outcome: draft.outcome, conversion: conversion, detail: draft.detail, eventSeq: seq)
    }

    /// The same purchase never counts twice: under CREATE_NEW and INCREMENT a transaction ID
    /// already applied to the key turns the decision into DUPLICATE_IGNORED. The claim's unique
    /// key is the check, so two daemons racing the same purchase count it once.
    private func applyTransactionID(_ input: FeedbackInput, decision: FeedbackDecision, delivery: Delivery) throws -> FeedbackDecision {
        let conversion: Conversion
        switch decision {
        case .create(let c, _) where c.mode == .createNew || c.mode == .increment: conversion = c
        case .increment(let c, _): conversion = c
        default: return decision
        }
        let tx = input.transactionID.trimmingSpaces
        guard !tx.isEmpty else { return decision }
        guard let firstID = try store.claimTransaction(
            recipientID: delivery.recipientID, typeKey: conversion.conversionType.lowercased(), attributionID: delivery.attributionID,
            transactionID: tx, conversionID: conversion.id, atMs: nowMs)
        else { return decision }
        let counted = try store.conversion(id: firstID) ?? conversion
        return .duplicate(counted, detail: "transaction \(tx) already counted in conversion \(counted.id)")
    }

    static func recipientHint(_ target: FeedbackInput.Target) -> String {
        if case .click(_, let recipient) = target { return recipient }
        return ""
    }
}
