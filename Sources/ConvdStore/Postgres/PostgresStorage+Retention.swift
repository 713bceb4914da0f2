import ConvdCore

extension PostgresStorage {
    /// Deletes expired idempotency keys and SENT forwards past retention, in small transactions
    /// (see `SQLiteStorage.prune`). Daemons pruning at once only delete the same rows twice over.
    public func prune(_ policy: RetentionPolicy, nowMs: Int64) async throws(ConvdError) -> PruneResult {
        var total = PruneResult()
        let batch = max(1, policy.batchRows)
        let keyCutoff = nowMs - policy.idempotencyMs
        while true {
            let n = try await transaction("pruning idempotency keys") { tx in
                try tx.rows("""
                    DELETE FROM idempotent_call WHERE ctid IN
                      (SELECT ctid FROM idempotent_call WHERE created_at_ms <= $1 ORDER BY created_at_ms LIMIT $2)
                    RETURNING 1
                    """, [.int(keyCutoff), .int(batch)]).count
            }
            total.idempotencyKeys += n
            if n < batch { break }
        }
        let sentCutoff = nowMs - policy.sentForwardsMs
        while true {
            let (items, attempts) = try await transaction("pruning sent forwards") { tx -> (Int, Int) in
                var ids: [Int64] = []
                for row in try tx.rows("SELECT id, sent_at_ms FROM outbox WHERE state = 'SENT' ORDER BY id LIMIT $1", [.int(batch)]) {
                    guard (try row.value("sent_at_ms") as Int64) <= sentCutoff else { break }
                    ids.append(try row.value("id"))
                }
                guard !ids.isEmpty else { return (0, 0) }
                let list = ids.map(String.init).joined(separator: ",")
                let attempts = try tx.rows("DELETE FROM forward_attempt WHERE outbox_id IN (\(list)) RETURNING 1").count
                let items = try tx.rows("DELETE FROM outbox WHERE id IN (\(list)) RETURNING 1").count
                return (items, attempts)
            }
            total.sentForwards += items
            total.forwardAttempts += attempts
            if items < batch { break }
        }
        return total
    }
}
