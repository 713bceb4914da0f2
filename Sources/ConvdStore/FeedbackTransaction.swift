import ConvdCore
import GRDB

/// One feedback or adjustment carried out inside the writer's transaction: load what the pure
/// policy needs, let it decide, write the decision, its event and its idempotent answer. A domain
/// error rolls back the effect but still logs a FAILED event, so nothing received is dropped
/// silently; that is why these return a `Result` rather than throwing.
struct FeedbackTransaction {
    let db: Database
    let nowMs: Int64
    let actor: String
    let idempotencyKey: String
    let recipients: StampedCache<Recipient>
    let sources: StampedCache<Source>
    let userAgent: String
    var newID: () -> String

    /// Records `input`.
    func record(_ input: FeedbackInput, verdict: RuleVerdict? = nil) throws -> Result<FeedbackResult, ConvdError> {
        var delivery: Delivery?
        do {
            return .success(try inSavepoint { try apply(input, verdict: verdict, delivery: &delivery) })
        } catch let error as ConvdError {
            _ = try EventRecord.append(.init(receivedAtMs: nowMs, input: input, outcome: .failed, error: error,
                                             delivery: delivery, recipientID: Self.recipientHint(input.target),
                                             idempotencyKey: idempotencyKey), in: db)
            return .failure(error)
        }
    }

    /// Applies `adjustment` to the conversion it names; by transaction ID on an INCREMENT
    /// conversion, to that instalment only.
    func adjust(_ adjustment: AdjustmentInput) throws -> Result<FeedbackResult, ConvdError> {
        var found: Conversion?
        do {
            return .success(try inSavepoint {
                guard let (c, only) = try Self.find(adjustment.target, in: db) else {
                    throw ConvdError.notFound("no conversion \(Self.describe(adjustment.target))")
                }
                found = c
                let next: Conversion
                var instalment: Instalment?
                if c.mode == .increment {
                    let all = try InstalmentRecord.all(of: c.id, in: db)
                    let adjusted = try InstalmentLedger.adjust(adjustment, conversion: c, instalments: all, only: only, nowMs: nowMs)
                    next = adjusted.conversion
                    for i in adjusted.changed { try InstalmentRecord.update(i, conversionID: c.id, in: db) }
                    // A tracker told about invoice INV-2 wants INV-2's amount and status, not the total.
                    if let only { instalment = adjusted.changed.first ?? all.first { $0.number == only } }
                } else {
                    next = try AdjustmentPolicy.apply(adjustment, to: c, nowMs: nowMs)
                }
                guard try ConversionRecord.replace(next, previousVersion: c.version, in: db) else {
                    throw ConvdError.aborted("conversion \(c.id) changed concurrently; retry")
                }
                let seq = try EventRecord.append(.init(receivedAtMs: nowMs, adjustment: adjustment, outcome: .adjusted,
                                                       detail: adjustment.kind.rawValue, conversionID: c.id,
                                                       delivery: try delivery(c.eventID), recipientID: c.recipientID,
                                                       idempotencyKey: idempotencyKey), in: db)
                try ConversionRecord.insertVersion(ConversionVersion(of: next, cause: .adjusted, actor: actor, eventSeq: seq,
                                                                     recordedAtMs: nowMs), conversionID: c.id, in: db)
                if let d = try delivery(c.eventID) {
                    try OutboxRecord.enqueue(kind: .adjustment(adjustment.kind), source: try sources.value(d.sourceID, in: db),
                                             delivery: d, conversion: next, instalment: instalment, input: nil, outcome: .adjusted, eventSeq: seq,
                                             nowMs: nowMs, key: "convd-" + newID(), userAgent: userAgent, in: db)
                }
                return FeedbackResult(outcome: .adjusted, conversion: next, detail: adjustment.kind.rawValue, eventSeq: seq)
            })
        } catch let error as ConvdError {
            _ = try EventRecord.append(.init(receivedAtMs: nowMs, adjustment: adjustment, outcome: .failed, error: error,
                                             conversionID: found?.id ?? "", recipientID: found?.recipientID ?? "",
                                             idempotencyKey: idempotencyKey), in: db)
            return .failure(error)
        }
    }

    private func apply(_ input: FeedbackInput, verdict: RuleVerdict?, delivery found: inout Delivery?) throws -> FeedbackResult {
        guard let delivery = try DeliveryRecord.find(input.target, in: db) else {
            switch input.target {
            case .eventID(let id): throw ConvdError.notFound("no delivery with event ID '\(id)'")
            case .click(let click, let recipient): throw ConvdError.notFound("no delivery with click ID '\(click)' for recipient \(recipient)")
            }
        }
        found = delivery
        guard let recipient = try recipients.value(delivery.recipientID, in: db) else {
            throw ConvdError.notFound("no recipient '\(delivery.recipientID)'")
        }
        if recipient.archivedAtMs != 0 {
            throw ArchiveStamp.refusal(noun: "recipient", id: recipient.id, sinceMs: recipient.archivedAtMs, toDo: "record feedback")
        }
        let current = input.kind == .conversion
            ? try ConversionRecord.current(recipientID: recipient.id, type: input.conversionType.trimmingSpaces,
                                           attributionID: delivery.attributionID, in: db)
            : nil
        var hasReturn = false
        if input.kind == .return {
            hasReturn = try db.value(Bool.self, "SELECT 1 FROM delivery_return WHERE event_id = ?", arguments: [delivery.eventID]) ?? false
        }
        var context = FeedbackContext(delivery: delivery, recipient: recipient, existing: current?.0, existingSlot: current?.1,
                                      hasReturn: hasReturn, newConversionID: newID())
        context.ruleVerdict = verdict
        // Read once: its return cap and its forwarding settings both come from it.
        let source = try sources.value(delivery.sourceID, in: db)
        if let source, source.archivedAtMs != 0 {
            throw ArchiveStamp.refusal(noun: "source", id: source.id, sinceMs: source.archivedAtMs, toDo: "record feedback")
        }
        if input.kind == .return, let cap = source?.returnCap {
            let month = UTCMonth.bounds(of: nowMs)
            context.returnCap = cap
            context.sourceReturnsThisMonth = try db.value(Int.self, """
                SELECT count(*) FROM delivery_return WHERE source_id = ? AND returned_at_ms >= ? AND returned_at_ms < ? AND retracted_at_ms = 0
                """, arguments: [delivery.sourceID, month.start, month.end]) ?? 0
            context.sourceDeliveriesThisMonth = try db.value(Int.self, """
                SELECT count(*) FROM delivery WHERE source_id = ? AND delivered_at_ms >= ? AND delivered_at_ms < ?
                """, arguments: [delivery.sourceID, month.start, month.end]) ?? 0
        }
        var decision = try FeedbackPolicy.decide(input, context: context, nowMs: nowMs)
        decision = try applyTransactionID(input, decision: decision, delivery: delivery)
        var draft = EventRecord.Draft(receivedAtMs: nowMs, input: input, outcome: decision.outcome, delivery: delivery,
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
            guard try ConversionRecord.insert(c, slot: slot, in: db) else {
                throw ConvdError.aborted("conversion key of delivery \(delivery.eventID) changed concurrently; retry")
            }
            if c.mode == .increment {
                let first = Instalment(number: 1, transactionID: c.transactionID, amount: c.amount, status: c.status,
                                       occurredAtMs: c.occurredAtMs, recordedAtMs: nowMs, version: 1)
                try InstalmentRecord.insert(first, conversionID: c.id, recipientID: c.recipientID, in: db)
                instalment = first
            }
            conversion = c
        case .update(let c):
            guard try ConversionRecord.replace(c, previousVersion: c.version - 1, in: db) else {
                throw ConvdError.aborted("conversion \(c.id) changed concurrently; retry")
            }
            conversion = c
        case .increment(let c, let added):
            // The version guard makes the read-sum-write safe: a concurrent postback that moved the
            // version first makes this one ABORTED (retryable), never a lost or double sum.
            guard try ConversionRecord.replace(c, previousVersion: c.version - 1, in: db) else {
                throw ConvdError.aborted("conversion \(c.id) changed concurrently; retry")
            }
            try InstalmentRecord.insert(added, conversionID: c.id, recipientID: c.recipientID, in: db)
            instalment = added
            conversion = c
        case .recordReturn:
            try db.run("""
                INSERT INTO delivery_return (event_id, recipient_id, source_id, reason, test, returned_at_ms, occurred_at_ms, event_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(event_id) DO NOTHING
                """, arguments: [delivery.eventID, delivery.recipientID, delivery.sourceID, input.reason, delivery.test, nowMs,
                                 input.occurredAtMs == 0 ? nowMs : input.occurredAtMs])
            if db.changesCount == 0 {
                draft.outcome = .duplicateIgnored
                draft.detail = "delivery \(delivery.eventID) was already returned"
            }
        }
        draft.conversionID = conversion?.id ?? ""
        let seq = try EventRecord.append(draft, in: db)
        switch decision {
        case .create, .update, .increment:
            if let c = conversion {
                try ConversionRecord.insertVersion(ConversionVersion(of: c, cause: draft.outcome, actor: actor, eventSeq: seq,
                                                                     recordedAtMs: nowMs), conversionID: c.id, in: db)
            }
        case .recordReturn where draft.outcome == .returnRecorded:
            try db.run("UPDATE delivery_return SET event_seq = ? WHERE event_id = ?", arguments: [seq, delivery.eventID])
        default: break
        }
        // Forward what counted, in the same transaction: a crash after the commit loses nothing.
        switch draft.outcome {
        case .created, .updated, .incremented, .returnRecorded:
            try OutboxRecord.enqueue(kind: draft.outcome == .returnRecorded ? .return : .conversion, source: source,
                                     delivery: delivery, conversion: conversion, instalment: instalment, input: input, outcome: draft.outcome,
                                     eventSeq: seq, nowMs: nowMs, key: "convd-" + newID(), userAgent: userAgent, in: db)
        default: break
        }
        return FeedbackResult(outcome: draft.outcome, conversion: conversion, detail: draft.detail, eventSeq: seq)
    }

    /// The same purchase never counts twice: under CREATE_NEW and INCREMENT a transaction ID
    /// already applied to the key turns the decision into DUPLICATE_IGNORED. The insert into the
    /// primary key is the check, so two daemons racing the same purchase count it once.
    private func applyTransactionID(_ input: FeedbackInput, decision: FeedbackDecision, delivery: Delivery) throws -> FeedbackDecision {
        let conversion: Conversion
        switch decision {
        case .create(let c, _) where c.mode == .createNew || c.mode == .increment: conversion = c
        case .increment(let c, _): conversion = c
        default: return decision
        }
        let tx = input.transactionID.trimmingSpaces
        guard !tx.isEmpty else { return decision }
        try db.run("""
            INSERT INTO conversion_transaction (recipient_id, type_key, attribution_id, transaction_id, conversion_id, recorded_at_ms)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, arguments: [delivery.recipientID, conversion.conversionType.lowercased(), delivery.attributionID, tx, conversion.id, nowMs])
        guard db.changesCount == 0 else { return decision }
        let firstID = try db.value(String.self, """
            SELECT conversion_id FROM conversion_transaction
            WHERE recipient_id = ? AND type_key = ? AND attribution_id = ? AND transaction_id = ?
            """, arguments: [delivery.recipientID, conversion.conversionType.lowercased(), delivery.attributionID, tx])
        let counted = try firstID.flatMap { try ConversionRecord.byID($0, in: db) } ?? conversion
        return .duplicate(counted, detail: "transaction \(tx) already counted in conversion \(counted.id)")
    }

    private func delivery(_ eventID: String) throws -> Delivery? {
        try DeliveryRecord.find(.eventID(eventID), in: db)
    }

    private func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        var value: T?
        do {
            try db.inSavepoint {
                value = try body()
                return .commit
            }
        } catch let error as DatabaseError {
            throw StoreErrorMapping.map(error, context: "recording feedback")
        }
        return value!
    }

    /// The conversion `target` names, and the instalment number when a transaction ID named one.
    static func find(_ target: AdjustmentInput.Target, in db: Database) throws -> (Conversion, instalment: Int?)? {
        switch target {
        case .conversionID(let id):
            return try ConversionRecord.byID(id, in: db).map { ($0, nil) }
        case .key(let recipient, let type, let attribution):
            return try ConversionRecord.current(recipientID: recipient, type: type, attributionID: attribution, in: db).map { ($0.0, nil) }
        case .transaction(let recipient, let transaction):
            if let (id, number) = try InstalmentRecord.find(recipientID: recipient, transactionID: transaction, in: db),
               let c = try ConversionRecord.byID(id, in: db) {
                return (c, number)
            }
            if let c = try db.row("""
                SELECT \(ConversionRecord.columns) FROM conversion WHERE recipient_id = ? AND transaction_id = ?
                ORDER BY seq DESC LIMIT 1
                """, arguments: [recipient, transaction]).map(ConversionRecord.conversion(from:)) {
                return (c, nil)
            }
            // Transaction IDs of INCREMENT postbacks merged into one instalment by the v5 migration.
            let id = try db.value(String.self, """
                SELECT conversion_id FROM conversion_transaction WHERE recipient_id = ? AND transaction_id = ?
                ORDER BY rowid DESC LIMIT 1
                """, arguments: [recipient, transaction])
            return try id.flatMap { try ConversionRecord.byID($0, in: db) }.map { ($0, nil) }
        }
    }

    static func describe(_ target: AdjustmentInput.Target) -> String {
        switch target {
        case .conversionID(let id): "'\(id)'"
        case .key(let r, let t, let a): "for key (\(r), \(t), \(a))"
        case .transaction(let r, let t): "with transaction ID '\(t)' for recipient \(r)"
        }
    }

    static func recipientHint(_ target: FeedbackInput.Target) -> String {
        if case .click(_, let recipient) = target { return recipient }
        return ""
    }
}
