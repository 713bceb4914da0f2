import ConvdCore
import GRDB

/// Writes and reads the forwarding outbox.
enum OutboxRecord {
    static let columns = """
        id, source_id, conversion_id, event_seq, order_key, state, attempts, max_attempts, last_status_code, last_error,
        next_attempt_at_ms, created_at_ms, sent_at_ms, idempotency_key, request, timeout_ms, success_body_contains
        """

    /// Queues `forward` as PENDING, due at once.
    static func enqueue(_ f: PendingForward, in db: Database) throws {
        try db.exec("""
            INSERT INTO outbox (source_id, conversion_id, event_seq, order_key, state, attempts, max_attempts, last_status_code,
              last_error, next_attempt_at_ms, created_at_ms, sent_at_ms, idempotency_key, request, timeout_ms, success_body_contains)
            VALUES (?, ?, ?, ?, 'PENDING', 0, ?, 0, '', ?, ?, 0, ?, ?, ?, ?)
            """, f.sourceID, f.conversionID, f.eventSeq, f.orderKey, f.maxAttempts, f.createdAtMs, f.createdAtMs, f.idempotencyKey,
            try JSONColumn.encode(f.request), f.timeoutMs, f.successBodyContains)
    }

    static func item(from row: some StoredRow) throws -> OutboxItem {
        OutboxItem(
            id: try row.value("id"), sourceID: try row.value("source_id"), conversionID: try row.value("conversion_id"), eventSeq: try row.value("event_seq"),
            orderKey: try row.value("order_key"), state: try StoredEnum.decode(OutboxState.self, try row.value("state"), "forward \(try row.value("id") as Int64) state"), attempts: try row.value("attempts"),
            maxAttempts: try row.value("max_attempts"), lastStatusCode: try row.value("last_status_code"), lastError: try row.value("last_error"),
            nextAttemptAtMs: try row.value("next_attempt_at_ms"), createdAtMs: try row.value("created_at_ms"), sentAtMs: try row.value("sent_at_ms"),
            idempotencyKey: try row.value("idempotency_key"), request: try JSONColumn.decode(ForwardRequest.self, from: try row.value("request")),
            timeoutMs: try row.value("timeout_ms"), successBodyContains: try row.value("success_body_contains"))
    }
}
