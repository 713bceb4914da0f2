import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Deletes what `policy` no longer keeps, as of `nowMs`, in transactions of at most
    /// `policy.batchRows` rows each, so feedback waits for the writer no longer than one small
    /// batch. Every lookup walks an index from its oldest end and stops at the first row still kept.
    public func prune(_ policy: RetentionPolicy, nowMs: Int64) async throws(ConvdError) -> PruneResult {
        var total = PruneResult()
        let batch = max(1, policy.batchRows)
        while true {
            let keyCutoff = nowMs - policy.idempotencyMs
            let n = try await writer.write { db in
                try db.execute(sql: """
                    DELETE FROM idempotent_call WHERE rowid IN
                      (SELECT rowid FROM idempotent_call WHERE created_at_ms <= ? ORDER BY created_at_ms LIMIT ?)
                    """, arguments: [keyCutoff, batch])
                return db.changesCount
            }
            total.idempotencyKeys += n
            if n < batch { break }
        }
        while true {
            let sentCutoff = nowMs - policy.sentForwardsMs
            let (items, attempts) = try await writer.write { db in
                // SENT items in id order are in sending order but for the few retried for long;
                // stopping at the first one still kept leaves those for a later pass, never scans.
                let rows = try Row.fetchAll(db, sql: "SELECT id, sent_at_ms FROM outbox WHERE state = 'SENT' ORDER BY id LIMIT ?",
                                            arguments: [batch])
                var ids: [Int64] = []
                for row in rows {
                    guard (row["sent_at_ms"] as Int64) <= sentCutoff else { break }
                    ids.append(row["id"])
                }
                var attempts = 0
                for id in ids {
                    try db.execute(sql: "DELETE FROM forward_attempt WHERE outbox_id = ?", arguments: [id])
                    attempts += db.changesCount
                    try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id])
                }
                return (ids.count, attempts)
            }
            total.sentForwards += items
            total.forwardAttempts += attempts
            if items < batch { break }
        }
        return total
    }
}
