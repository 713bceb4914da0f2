extension PendingForward {
    /// The forward of an accepted feedback, or nil when the delivery's source (`source`) does not
    /// want this kind. With an `instalment` (an INCREMENT postback, or an adjustment of one invoice)
    /// `{amount}`, `{status}` and `{transaction_id}` are that instalment's, so a tracker that sums
    /// payouts per transaction counts each invoice once; `{total_amount}` is always the conversion's.
    public static func forFeedback(kind: ForwardKind, source: Source?, delivery: Delivery, conversion: Conversion?,
                                   instalment: Instalment?, input: FeedbackInput?, outcome: FeedbackOutcome, eventSeq: Int64,
                                   nowMs: Int64, key: String, userAgent: String) -> PendingForward? {
        guard let settings = source?.forwarding else { return nil }
        switch kind {
        case .conversion where !settings.conversions: return nil
        case .return where !settings.returns: return nil
        case .adjustment where !settings.adjustments: return nil
        default: break
        }
        var fixed: [String: String] = [
            "event_id": delivery.eventID, "click_id": delivery.clickID, "recipient_id": delivery.recipientID,
            "source_id": delivery.sourceID, "outcome": outcome.rawValue, "kind": kind.name,
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
        return PendingForward(
            sourceID: delivery.sourceID, conversionID: conversion?.id ?? "", eventSeq: eventSeq,
            orderKey: conversion?.id ?? "return:\(delivery.eventID)", maxAttempts: Int(clamping: settings.maxAttempts),
            createdAtMs: nowMs, idempotencyKey: key, request: ForwardRenderer.render(settings, values: values, userAgent: userAgent),
            timeoutMs: Int(clamping: settings.timeoutMs), successBodyContains: settings.successBodyContains)
    }
}
