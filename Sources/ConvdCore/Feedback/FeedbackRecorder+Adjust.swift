extension FeedbackRecorder {
    /// Applies `adjustment` to the conversion it names; by transaction ID on an INCREMENT
    /// conversion, to that instalment only.
    public func adjust(_ adjustment: AdjustmentInput) throws -> Result<FeedbackResult, ConvdError> {
        var found: Conversion?
        do {
            return .success(try store.inSavepoint {
                guard let (c, only) = try find(adjustment.target) else {
                    throw ConvdError.notFound("no conversion \(Self.describe(adjustment.target))")
                }
                found = c
                let next: Conversion
                var instalment: Instalment?
                if c.mode == .increment {
                    let all = try store.instalments(of: c.id)
                    let adjusted = try InstalmentLedger.adjust(adjustment, conversion: c, instalments: all, only: only, nowMs: nowMs)
                    next = adjusted.conversion
                    for i in adjusted.changed { try store.updateInstalment(i, conversionID: c.id) }
                    // A tracker told about invoice INV-2 wants INV-2's amount and status, not the total.
                    if let only { instalment = adjusted.changed.first ?? all.first { $0.number == only } }
                } else {
                    next = try AdjustmentPolicy.apply(adjustment, to: c, nowMs: nowMs)
                }
                guard try store.replaceConversion(next, previousVersion: c.version) else {
                    throw ConvdError.aborted("conversion \(c.id) changed concurrently; retry")
                }
                let delivery = try store.delivery(.eventID(c.eventID))
                let seq = try store.appendEvent(FeedbackEventDraft(
                    receivedAtMs: nowMs, adjustment: adjustment, outcome: .adjusted, detail: adjustment.kind.rawValue,
                    conversionID: c.id, delivery: delivery, recipientID: c.recipientID, idempotencyKey: idempotencyKey))
                try store.insertVersion(ConversionVersion(of: next, cause: .adjusted, actor: actor, eventSeq: seq, recordedAtMs: nowMs),
                                        conversionID: c.id)
                if let d = delivery, let forward = PendingForward.forFeedback(
                    kind: .adjustment(adjustment.kind), source: try store.source(id: d.sourceID), delivery: d, conversion: next,
                    instalment: instalment, input: nil, outcome: .adjusted, eventSeq: seq, nowMs: nowMs,
                    key: "convd-" + newID(), userAgent: userAgent) {
                    try store.enqueue(forward)
                }
                return FeedbackResult(outcome: .adjusted, conversion: next, detail: adjustment.kind.rawValue, eventSeq: seq)
            })
        } catch let error as ConvdError {
            _ = try store.appendEvent(FeedbackEventDraft(
                receivedAtMs: nowMs, adjustment: adjustment, outcome: .failed, error: error, conversionID: found?.id ?? "",
                recipientID: found?.recipientID ?? "", idempotencyKey: idempotencyKey))
            return .failure(error)
        }
    }

    /// The conversion `target` names, and the instalment number when a transaction ID named one.
    public func find(_ target: AdjustmentInput.Target) throws -> (Conversion, instalment: Int?)? {
        switch target {
        case .conversionID(let id):
            return try store.conversion(id: id).map { ($0, nil) }
        case .key(let recipient, let type, let attribution):
            return try store.currentConversion(recipientID: recipient, typeKey: type.lowercased(), attributionID: attribution)
                .map { ($0.0, nil) }
        case .transaction(let recipient, let transaction):
            if let (id, number) = try store.instalment(recipientID: recipient, transactionID: transaction),
               let c = try store.conversion(id: id) {
                return (c, number)
            }
            if let c = try store.latestConversion(recipientID: recipient, transactionID: transaction) { return (c, nil) }
            // Transaction IDs of INCREMENT postbacks merged into one instalment by the v5 migration.
            return try store.claimedConversionID(recipientID: recipient, transactionID: transaction)
                .flatMap { try store.conversion(id: $0) }.map { ($0, nil) }
        }
    }

    static func describe(_ target: AdjustmentInput.Target) -> String {
        switch target {
        case .conversionID(let id): "'\(id)'"
        case .key(let r, let t, let a): "for key (\(r), \(t), \(a))"
        case .transaction(let r, let t): "with transaction ID '\(t)' for recipient \(r)"
        }
    }
}
