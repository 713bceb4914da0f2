import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Most feedbacks in one RecordBatch call (not to be confused with the writer's jobs per commit).
    public static let maxFeedbackBatchItems = 1000

    /// Records a delivered lead; the same event ID twice is one delivery.
    public func recordDelivery(_ delivery: Delivery, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Delivery {
        var d = delivery
        let now = clock.nowMs()
        if d.eventID.isEmpty { d.eventID = newID(now) }
        if d.deliveredAtMs == 0 { d.deliveredAtMs = now }
        d.recordedAtMs = now
        let stored = d
        do {
            return try await idempotentWrite("Deliveries/Record", idempotency, nowMs: now) { db in
                for (table, id, noun) in [("recipient", stored.recipientID, "recipient"), ("source", stored.sourceID, "source")] {
                    let archivedAt = try ArchiveStamp.of(table: table, noun: noun, id: id, in: db)
                    if archivedAt != 0 { throw ConvdError.archived(noun: noun, id: id, sinceMs: archivedAt, toDo: "record deliveries") }
                }
                var priced = stored
                var reason = "recorded with the delivery"
                if priced.cost == nil, let price = try self.sourceCache.value(stored.sourceID, in: db)?.leadCost?.cost(forRecipient: stored.recipientID) {
                    priced.cost = price
                    reason = "the source's price per lead"
                }
                try DeliveryRecord.insert(priced, in: db)
                if priced.cost != nil {
                    try CostRecord.append(eventID: priced.eventID, cost: priced.cost, reason: reason, actor: "", atMs: now, in: db)
                }
                return priced
            }
        } catch .alreadyExists {
            throw .alreadyExists("a delivery with event ID '\(stored.eventID)' already exists")
        }
    }

    /// The delivery with this event ID.
    public func delivery(eventID: String) async throws(ConvdError) -> Delivery {
        let found = try await read("reading delivery") { db in try DeliveryRecord.find(.eventID(eventID), in: db) }
        guard let found else { throw .notFound("no delivery with event ID '\(eventID)'") }
        return found
    }

    /// Applies one feedback through the group-commit writer (see `ConvdStorage.recordFeedback`).
    public func recordFeedback(_ input: FeedbackInput, idempotency: IdempotencyClaim?, actor: String) async throws(ConvdError) -> FeedbackResult {
        let now = clock.nowMs()
        let verdict = try await ruleVerdicts(for: [input])[0]
        let preEncoded = PreEncodedInputs([input])
        let forwards = ForwardsQueuedMark()
        let result = try await idempotentResult("Feedback/Record", idempotency, nowMs: now) { [self] db in
            try feedbackTransaction(db, nowMs: now, actor: actor, claim: idempotency, preEncoded: preEncoded, forwards: forwards)
                .record(input, verdict: verdict)
        }
        notifyCommitted(forwards)
        return try result.get()
    }

    /// A batch of this many feedbacks or more is a large write (`GroupCommitWriter.write(large:_:)`),
    /// run without the job savepoint: from about here the savepoint's cost, which grows with the
    /// square of the batch, exceeds what sharing a transaction with small writes saves.
    static let largeBatchSize = 64

    /// Applies up to `maxFeedbackBatchItems` feedbacks in one transaction, each answered alone.
    public func recordFeedbackBatch(_ inputs: [FeedbackInput], idempotency: IdempotencyClaim?, actor: String) async throws(ConvdError) -> [BatchItemResult] {
        let now = clock.nowMs()
        let verdicts = try await ruleVerdicts(for: inputs)
        let preEncoded = PreEncodedInputs(inputs)
        let forwards = ForwardsQueuedMark()
        // A batch's answer is kept whatever its items did: each item's refusal is part of it.
        let results = try await idempotentWrite("Feedback/RecordBatch", idempotency, nowMs: now,
                                                large: inputs.count >= Self.largeBatchSize) { [self] db in
            let tx = feedbackTransaction(db, nowMs: now, actor: actor, claim: idempotency, preEncoded: preEncoded, forwards: forwards)
            return try zip(inputs, verdicts).map { input, verdict in BatchItemResult(try tx.record(input, verdict: verdict)) }
        }
        notifyCommitted(forwards)
        return results
    }

    /// Applies an adjustment to an existing conversion or instalment.
    public func adjust(_ adjustment: AdjustmentInput, idempotency: IdempotencyClaim?, actor: String) async throws(ConvdError) -> FeedbackResult {
        let now = clock.nowMs()
        let forwards = ForwardsQueuedMark()
        let result = try await idempotentResult("Feedback/Adjust", idempotency, nowMs: now) { [self] db in
            try feedbackTransaction(db, nowMs: now, actor: actor, claim: idempotency, forwards: forwards).adjust(adjustment)
        }
        notifyCommitted(forwards)
        return try result.get()
    }

    /// Wakes event watchers, and the forwarding worker when the commit queued forwards.
    private func notifyCommitted(_ forwards: ForwardsQueuedMark) {
        notifier.notify()
        if forwards.isSet { forwardsNotifier.notify() }
    }
}
