import ConvdCore

extension PostgresStorage {
    /// Records a delivered lead; the same event ID twice is refused (see `ConvdStorage.recordDelivery`).
    public func recordDelivery(_ delivery: Delivery, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Delivery {
        var d = delivery
        let now = clock.nowMs()
        if d.eventID.isEmpty { d.eventID = newID(now) }
        if d.deliveredAtMs == 0 { d.deliveredAtMs = now }
        d.recordedAtMs = now
        let stored = d
        return try await idempotentWrite("Deliveries/Record", idempotency, nowMs: now) { tx in
            let store = PostgresFeedbackStore(tx: tx)
            guard let recipient = try store.recipient(id: stored.recipientID) else { throw ConvdError.notFound("no recipient '\(stored.recipientID)'") }
            if recipient.archivedAtMs != 0 {
                throw ConvdError.archived(noun: "recipient", id: recipient.id, sinceMs: recipient.archivedAtMs, toDo: "record deliveries")
            }
            guard let source = try store.source(id: stored.sourceID) else { throw ConvdError.notFound("no source '\(stored.sourceID)'") }
            if source.archivedAtMs != 0 {
                throw ConvdError.archived(noun: "source", id: source.id, sinceMs: source.archivedAtMs, toDo: "record deliveries")
            }
            var priced = stored
            var reason = "recorded with the delivery"
            if priced.cost == nil, let price = source.leadCost?.cost(forRecipient: stored.recipientID) {
                priced.cost = price
                reason = "the source's price per lead"
            }
            let inserted = try tx.rows("""
                INSERT INTO delivery (\(DeliveryRecord.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (event_id) DO NOTHING RETURNING 1
                """, [.text(priced.eventID), .text(priced.recipientID), .text(priced.sourceID), .text(priced.clickID),
                      .text(try JSONColumn.encode(priced.lead)), .flag(priced.test), .int(priced.deliveredAtMs), .int(priced.recordedAtMs),
                      .int(priced.erasedAtMs), .int(priced.cost?.amountMinor), .text(priced.cost?.currency)])
            guard !inserted.isEmpty else { throw ConvdError.alreadyExists("a delivery with event ID '\(priced.eventID)' already exists") }
            if let cost = priced.cost {
                try tx.run("""
                    INSERT INTO delivery_cost_version (event_id, version, cost_minor, cost_currency, reason, actor, at_ms)
                    VALUES ($1, 1, $2, $3, $4, '', $5)
                    """, [.text(priced.eventID), .int(cost.amountMinor), .text(cost.currency), .text(reason), .int(now)])
            }
            return priced
        }
    }

    /// The delivery with this event ID.
    public func delivery(eventID: String) async throws(ConvdError) -> Delivery {
        guard let found = try await transaction("reading delivery", { tx in try PostgresFeedbackStore(tx: tx).delivery(.eventID(eventID)) }) else {
            throw .notFound("no delivery with event ID '\(eventID)'")
        }
        return found
    }

    /// Records one feedback in one transaction through the shared `FeedbackRecorder`.
    public func recordFeedback(_ input: FeedbackInput, idempotency: IdempotencyClaim?, actor: String) async throws(ConvdError) -> FeedbackResult {
        let now = clock.nowMs()
        let forwards = ForwardsQueuedMark()
        let result = try await idempotentResult("Feedback/Record", idempotency, nowMs: now) { [self] tx in
            try recorder(tx, nowMs: now, actor: actor, claim: idempotency, forwards: forwards).record(input)
        }
        notifyCommitted(forwards)
        return try result.get()
    }

    /// Records feedbacks in one transaction, each in its own savepoint. An item that lost a race
    /// to another daemon runs the whole batch again, so every answer is from one consistent run.
    public func recordFeedbackBatch(_ inputs: [FeedbackInput], idempotency: IdempotencyClaim?, actor: String) async throws(ConvdError) -> [BatchItemResult] {
        let now = clock.nowMs()
        let forwards = ForwardsQueuedMark()
        let lost: @Sendable ([BatchItemResult]) -> Bool = { $0.contains { if case .failed(kind: "aborted", _) = $0 { true } else { false } } }
        let results = try await pool.transaction("Feedback/RecordBatch", lostRace: lost) { [self] tx in
            let method = "Feedback/RecordBatch"
            return try idempotentBody(method, idempotency, nowMs: now, tx) {
                let recorder = recorder(tx, nowMs: now, actor: actor, claim: idempotency, forwards: forwards)
                return try inputs.map { BatchItemResult(try recorder.record($0)) }
            }
        }
        notifyCommitted(forwards)
        return results
    }

    /// Applies an adjustment through the shared `FeedbackRecorder`.
    public func adjust(_ adjustment: AdjustmentInput, idempotency: IdempotencyClaim?, actor: String) async throws(ConvdError) -> FeedbackResult {
        let now = clock.nowMs()
        let forwards = ForwardsQueuedMark()
        let result = try await idempotentResult("Feedback/Adjust", idempotency, nowMs: now) { [self] tx in
            try recorder(tx, nowMs: now, actor: actor, claim: idempotency, forwards: forwards).adjust(adjustment)
        }
        notifyCommitted(forwards)
        return try result.get()
    }

    /// Wakes event watchers, and the forwarding worker when the commit queued forwards (the
    /// listener would too, but a dropped LISTEN connection must not delay this daemon's own).
    private func notifyCommitted(_ forwards: ForwardsQueuedMark) {
        notifier.notify()
        if forwards.isSet { forwardsNotifier.notify() }
    }

    private func recorder(_ tx: PostgresTransaction, nowMs: Int64, actor: String, claim: IdempotencyClaim?,
                          forwards: ForwardsQueuedMark) -> FeedbackRecorder<PostgresFeedbackStore> {
        FeedbackRecorder(store: PostgresFeedbackStore(tx: tx, forwards: forwards), nowMs: nowMs, actor: actor, idempotencyKey: claim?.key ?? "",
                         userAgent: userAgent) { self.newID(nowMs) }
    }
}
