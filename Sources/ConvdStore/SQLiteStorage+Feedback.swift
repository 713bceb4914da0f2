import ConvdCore
import GRDB

/// One item's answer in a batch: its result or the error that refused it.
public enum BatchItemResult: Sendable, Equatable, Codable {
    case ok(FeedbackResult)
    case failed(kind: String, message: String)

    /// The item's error, if it failed.
    public var error: ConvdError? {
        if case .failed(let kind, let message) = self { return ConvdError(kind: kind, message: message) }
        return nil
    }
}

extension SQLiteStorage {
    /// Most feedbacks in one batch.
    public static let maxBatch = 1000

    public func recordDelivery(_ delivery: Delivery) async throws(ConvdError) -> Delivery {
        var d = delivery
        let now = clock.nowMs()
        if d.eventID.isEmpty { d.eventID = newID(now) }
        if d.deliveredAtMs == 0 { d.deliveredAtMs = now }
        d.recordedAtMs = now
        let stored = d
        do {
            return try await writer.write { db in
                for (table, id, noun) in [("recipient", stored.recipientID, "recipient"), ("source", stored.sourceID, "source")] {
                    guard try db.value(Bool.self, "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) != nil else {
                        throw ConvdError.notFound("no \(noun) '\(id)'")
                    }
                }
                try DeliveryRecord.insert(stored, in: db)
                return stored
            }
        } catch .alreadyExists {
            throw .alreadyExists("a delivery with event ID '\(stored.eventID)' already exists")
        }
    }

    public func delivery(eventID: String) async throws(ConvdError) -> Delivery {
        let found = try await read("reading delivery") { db in try DeliveryRecord.find(.eventID(eventID), in: db) }
        guard let found else { throw .notFound("no delivery with event ID '\(eventID)'") }
        return found
    }

    public func recordFeedback(_ input: FeedbackInput, idempotencyKey: String, actor: String) async throws(ConvdError) -> FeedbackResult {
        let now = clock.nowMs()
        let method = "Feedback/Record"
        let verdict = try await ruleVerdicts(for: [input])[0]
        let result = try await writer.write { [self] db -> Result<FeedbackResult, ConvdError> in
            if let saved = try IdempotencyRecord.answer(FeedbackResult.self, key: idempotencyKey, method: method, in: db) {
                return .success(saved)
            }
            let tx = FeedbackTransaction(db: db, nowMs: now, actor: actor, idempotencyKey: idempotencyKey, recipients: recipientCache, sources: sourceCache, userAgent: userAgent) { self.newID(now) }
            let result = try tx.record(input, verdict: verdict)
            if case .success(let answer) = result {
                try IdempotencyRecord.save(answer, key: idempotencyKey, method: method, nowMs: now, in: db)
            }
            return result
        }
        notifier.notify()
        return try result.get()
    }

    public func recordFeedbackBatch(_ inputs: [FeedbackInput], idempotencyKey: String, actor: String) async throws(ConvdError) -> [BatchItemResult] {
        let now = clock.nowMs()
        let method = "Feedback/RecordBatch"
        let verdicts = try await ruleVerdicts(for: inputs)
        let results = try await writer.write { [self] db -> [BatchItemResult] in
            if let saved = try IdempotencyRecord.answer([BatchItemResult].self, key: idempotencyKey, method: method, in: db) {
                return saved
            }
            let tx = FeedbackTransaction(db: db, nowMs: now, actor: actor, idempotencyKey: idempotencyKey, recipients: recipientCache, sources: sourceCache, userAgent: userAgent) { self.newID(now) }
            let answers = try zip(inputs, verdicts).map { input, verdict -> BatchItemResult in
                switch try tx.record(input, verdict: verdict) {
                case .success(let r): .ok(r)
                case .failure(let e): .failed(kind: e.kind, message: e.message)
                }
            }
            try IdempotencyRecord.save(answers, key: idempotencyKey, method: method, nowMs: now, in: db)
            return answers
        }
        notifier.notify()
        return results
    }

    public func adjust(_ adjustment: AdjustmentInput, idempotencyKey: String, actor: String) async throws(ConvdError) -> FeedbackResult {
        let now = clock.nowMs()
        let method = "Feedback/Adjust"
        let result = try await writer.write { [self] db -> Result<FeedbackResult, ConvdError> in
            if let saved = try IdempotencyRecord.answer(FeedbackResult.self, key: idempotencyKey, method: method, in: db) {
                return .success(saved)
            }
            let tx = FeedbackTransaction(db: db, nowMs: now, actor: actor, idempotencyKey: idempotencyKey, recipients: recipientCache, sources: sourceCache, userAgent: userAgent) { self.newID(now) }
            let result = try tx.adjust(adjustment)
            if case .success(let answer) = result {
                try IdempotencyRecord.save(answer, key: idempotencyKey, method: method, nowMs: now, in: db)
            }
            return result
        }
        notifier.notify()
        return try result.get()
    }

    /// A fresh time-sortable ID.
    func newID(_ ms: Int64) -> String {
        var g = SystemRandomNumberGenerator()
        return TimeSortableID.make(ms: ms, using: &g)
    }
}
