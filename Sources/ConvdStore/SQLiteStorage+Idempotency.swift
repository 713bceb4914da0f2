import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Runs `body` in the writer once per idempotency claim: a repeat gets the saved answer, a
    /// reused key with another request is refused, and the answer is saved in the same transaction.
    /// `large`: run without the job savepoint (`GroupCommitWriter.write(large:_:)`).
    func idempotentWrite<T: Sendable & Codable>(_ method: String, _ claim: IdempotencyClaim?, nowMs: Int64, large: Bool = false,
                                                _ body: @escaping @Sendable (Database) throws -> T) async throws(ConvdError) -> T {
        let retention = idempotencyRetentionMs
        return try await writer.write(large: large) { db in
            if let saved = try IdempotencyRecord.answer(T.self, claim: claim, method: method, nowMs: nowMs, retentionMs: retention, in: db) {
                return saved
            }
            let answer = try body(db)
            try IdempotencyRecord.save(answer, claim: claim, method: method, nowMs: nowMs, in: db)
            return answer
        }
    }

    /// As `idempotentWrite`, for a write whose refusal is logged but not kept as the key's answer:
    /// a failure comes back as the result (its FAILED event stays committed) and saves nothing, so
    /// a retry with the key runs again.
    func idempotentResult<T: Sendable & Codable>(_ method: String, _ claim: IdempotencyClaim?, nowMs: Int64,
                                                 _ body: @escaping @Sendable (Database) throws -> Result<T, ConvdError>)
        async throws(ConvdError) -> Result<T, ConvdError> {
        let retention = idempotencyRetentionMs
        return try await writer.write { db in
            if let saved = try IdempotencyRecord.answer(T.self, claim: claim, method: method, nowMs: nowMs, retentionMs: retention, in: db) {
                return .success(saved)
            }
            let result = try body(db)
            if case .success(let answer) = result {
                try IdempotencyRecord.save(answer, claim: claim, method: method, nowMs: nowMs, in: db)
            }
            return result
        }
    }

    /// The feedback transaction of one write at `nowMs`, logging `claim`'s key on its events.
    func feedbackTransaction(_ db: Database, nowMs: Int64, actor: String, claim: IdempotencyClaim?,
                             preEncoded: PreEncodedInputs? = nil, forwards: ForwardsQueuedMark? = nil) -> FeedbackRecorder<SQLiteFeedbackStore> {
        FeedbackRecorder(store: SQLiteFeedbackStore(db: db, recipients: recipientCache, sources: sourceCache, preEncoded: preEncoded,
                                                    forwards: forwards),
                         nowMs: nowMs,
                         actor: actor, idempotencyKey: claim?.key ?? "", userAgent: userAgent) { self.newID(nowMs) }
    }
}
