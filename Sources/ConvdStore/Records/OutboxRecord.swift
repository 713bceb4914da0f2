import ConvdCore
import GRDB

/// Writes and reads the forwarding outbox.
enum OutboxRecord {
    static let columns = """
        id, source_id, conversion_id, event_seq, order_key, state, attempts, max_attempts, last_status_code, last_error,
        next_attempt_at_ms, created_at_ms, sent_at_ms, idempotency_key, request, timeout_ms, success_body_contains
        """

    /// What was accepted, for the source's forward.
    enum Kind: Equatable { case conversion, `return`, adjustment(AdjustmentInput.Kind) }

    /// Queues a forward of an accepted feedback if the delivery's source (`source`) wants this kind.
    /// With an `instalment` (an INCREMENT postback, or an adjustment of one invoice) `{amount}`,
    /// `{status}` and `{transaction_id}` are that instalment's, so a tracker that sums payouts per
    /// transaction counts each invoice once; `{total_amount}` is always the conversion's.
    static func enqueue(kind: Kind, source: Source?, delivery: Delivery, conversion: Conversion?, instalment: Instalment? = nil,
                        input: FeedbackInput?, outcome: FeedbackOutcome, eventSeq: Int64, nowMs: Int64, key: String,
                        userAgent: String, in db: Database) throws {
        guard let settings = source?.forwarding else { return }
        switch kind {
        case .conversion where !settings.conversions: return
        case .return where !settings.returns: return
        case .adjustment where !settings.adjustments: return
        default: break
        }
        var fixed: [String: String] = [
            "event_id": delivery.eventID, "click_id": delivery.clickID, "recipient_id": delivery.recipientID,
            "source_id": delivery.sourceID, "outcome": outcome.rawValue,
            "kind": kind == .return ? "return" : kind == .conversion ? "conversion" : "adjustment",
            "occurred_at": ISOTime.string(ms: input.map { $0.occurredAtMs == 0 ? nowMs : $0.occurredAtMs } ?? conversion?.occurredAtMs ?? nowMs),
            "reason": input?.reason ?? conversion?.reason ?? "",
            "transaction_id": input?.transactionID ?? conversion?.transactionID ?? "",
        ]
        if case .adjustment(let adjustment) = kind { fixed["adjustment"] = adjustment.rawValue }
        if let c = conversion {
            fixed["conversion_id"] = c.id
            fixed["type"] = c.conversionType
            fixed["reason"] = c.reason
            fixed["status"] = c.status.rawValue
            fixed["transaction_id"] = c.transactionID
            fixed["version"] = String(c.version)
            fixed["postback_count"] = String(c.postbackCount)
            if let amount = c.amount {
                fixed["amount"] = MoneyFormat.decimal(amount)
                fixed["amount_minor"] = String(amount.amountMinor)
                fixed["currency"] = amount.currency
                fixed["total_amount"] = MoneyFormat.decimal(amount)
            }
        }
        if let i = instalment {
            fixed["status"] = i.status.rawValue
            fixed["transaction_id"] = i.transactionID
            fixed["amount"] = i.amount.map(MoneyFormat.decimal) ?? ""
            fixed["amount_minor"] = i.amount.map { String($0.amountMinor) } ?? ""
            fixed["instalment"] = String(i.number)
        }
        let values = ForwardValues(fixed: fixed, lead: delivery.lead, feedback: input?.fields ?? conversion?.fields ?? [:])
        let request = ForwardRenderer.render(settings, values: values, userAgent: userAgent)
        try db.run("""
            INSERT INTO outbox (source_id, conversion_id, event_seq, order_key, state, attempts, max_attempts, last_status_code,
              last_error, next_attempt_at_ms, created_at_ms, sent_at_ms, idempotency_key, request, timeout_ms, success_body_contains)
            VALUES (?, ?, ?, ?, 'PENDING', 0, ?, 0, '', ?, ?, 0, ?, ?, ?, ?)
            """, arguments: [
                delivery.sourceID, conversion?.id ?? "", eventSeq, conversion?.id ?? "return:\(delivery.eventID)",
                Int(clamping: settings.maxAttempts), nowMs, nowMs, key, try JSONColumn.encode(request), Int(clamping: settings.timeoutMs),
                settings.successBodyContains,
            ])
    }

    static func item(from row: Row) throws -> OutboxItem {
        OutboxItem(
            id: row["id"], sourceID: row["source_id"], conversionID: row["conversion_id"], eventSeq: row["event_seq"],
            orderKey: row["order_key"], state: try StoredEnum.decode(OutboxState.self, row["state"], "forward \(row["id"] as Int64) state"), attempts: row["attempts"],
            maxAttempts: row["max_attempts"], lastStatusCode: row["last_status_code"], lastError: row["last_error"],
            nextAttemptAtMs: row["next_attempt_at_ms"], createdAtMs: row["created_at_ms"], sentAtMs: row["sent_at_ms"],
            idempotencyKey: row["idempotency_key"], request: try JSONColumn.decode(ForwardRequest.self, from: row["request"]),
            timeoutMs: row["timeout_ms"], successBodyContains: row["success_body_contains"])
    }
}
