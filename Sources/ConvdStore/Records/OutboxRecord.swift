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
        try db.run("""
            INSERT INTO outbox (source_id, conversion_id, event_seq, order_key, state, attempts, max_attempts, last_status_code,
              last_error, next_attempt_at_ms, created_at_ms, sent_at_ms, idempotency_key, request, timeout_ms, success_body_contains)
            VALUES (?, ?, ?, ?, 'PENDING', 0, ?, 0, '', ?, ?, 0, ?, ?, ?, ?)
            """, arguments: [
                f.sourceID, f.conversionID, f.eventSeq, f.orderKey, f.maxAttempts, f.createdAtMs, f.createdAtMs, f.idempotencyKey,
                try JSONColumn.encode(f.request), f.timeoutMs, f.successBodyContains,
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
