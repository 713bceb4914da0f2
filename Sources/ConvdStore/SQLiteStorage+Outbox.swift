import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Items due now: PENDING, past their next attempt time, not leased by another sender, and
    /// the oldest pending item of their order key, so one conversion's forwards go out in the
    /// order they were accepted.
    public func dueForwards(nowMs: Int64, limit: Int, leaseOwner: String) async throws(ConvdError) -> [OutboxItem] {
        try await read("reading the outbox") { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(OutboxRecord.columns) FROM outbox o
                WHERE state = 'PENDING' AND next_attempt_at_ms <= ? AND (lease_until_ms <= ? OR lease_owner = ?)
                  AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.order_key = o.order_key AND p.state = 'PENDING' AND p.id < o.id)
                ORDER BY next_attempt_at_ms, id LIMIT ?
                """), arguments: [nowMs, nowMs, leaseOwner, limit]).map(OutboxRecord.item(from:))
        }
    }

    /// Claims `ids` for `owner` until `nowMs + leaseMs`, in the writer: an item still PENDING and
    /// not leased by another sender is taken. - Returns: the ids taken.
    public func claimForwards(ids: [Int64], owner: String, nowMs: Int64, leaseMs: Int64) async throws(ConvdError) -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return try await writer.write { db in
            var claimed = Set<Int64>()
            for id in ids {
                try db.exec("""
                    UPDATE outbox SET lease_owner = ?, lease_until_ms = ?
                    WHERE id = ? AND state = 'PENDING' AND (lease_until_ms <= ? OR lease_owner = ?)
                    """, owner, nowMs + leaseMs, id, nowMs, owner)
                if db.changesCount == 1 { claimed.insert(id) }
            }
            return claimed
        }
    }

    /// When the next PENDING item falls due after `nowMs`, if any: its next attempt, or when the
    /// lease another sender holds on it runs out (that sender may have died). `leaseOwner`'s own
    /// leases do not count: its sends in flight wake the worker when they end. Items due already
    /// are the worker's to launch or in flight.
    public func nextForwardDueAtMs(after nowMs: Int64, leaseOwner: String) async throws(ConvdError) -> Int64? {
        try await read("reading the outbox") { db in
            try db.scalar(Int64.self, """
                SELECT min(due) FROM (
                  SELECT max(next_attempt_at_ms, CASE lease_owner WHEN ? THEN 0 ELSE lease_until_ms END) AS due
                  FROM outbox WHERE state = 'PENDING')
                WHERE due > ?
                """, leaseOwner, nowMs)
        }
    }

    /// PENDING and DEAD items by source. The index on state finds them; grouping them by source
    /// sorts what it found, which stays small while forwarding works (a metrics scrape, not a call path).
    public func outboxCounts() async throws(ConvdError) -> [OutboxCount] {
        try await read("counting the outbox") { db in
            try Row.fetchAll(db, sql: """
                SELECT source_id, state, count(*) AS n FROM outbox WHERE state IN ('PENDING', 'DEAD')
                GROUP BY source_id, state /* full pass */
                """).map { row in
                OutboxCount(sourceID: row["source_id"], state: OutboxState(rawValue: row["state"]) ?? .pending, count: row["n"])
            }
        }
    }

    /// Logs an attempt and moves the item: SENT, DEAD, or PENDING again at `retryAtMs`.
    public func recordForwardAttempt(_ item: OutboxItem, attempt: ForwardAttempt, verdict: ForwardVerdict,
                                     retryAtMs: Int64) async throws(ConvdError) {
        try await writer.write { db in
            let number = (try db.scalar(Int.self, "SELECT max(attempt) FROM forward_attempt WHERE outbox_id = ?", item.id) ?? 0) + 1
            try db.exec("""
                INSERT INTO forward_attempt (outbox_id, attempt, at_ms, status_code, body_prefix, duration_ms, error)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, item.id, number, attempt.atMs, attempt.statusCode, attempt.bodyPrefix, attempt.durationMs, attempt.error)
            let attempts = item.attempts + 1
            let state = item.state(afterAttempt: verdict)
            let error = item.lastError(afterAttempt: verdict)
            try db.exec("""
                UPDATE outbox SET state = ?, attempts = ?, last_status_code = ?, last_error = ?, next_attempt_at_ms = ?, sent_at_ms = ?,
                  lease_owner = '', lease_until_ms = 0
                WHERE id = ? AND state = 'PENDING'
                """, state.rawValue, attempts, attempt.statusCode, error, retryAtMs,
                state == .sent ? attempt.atMs : 0, item.id)
        }
    }

    /// A page of outbox items, oldest first, optionally with their attempt logs.
    public func listForwards(_ filter: OutboxFilter, afterID: Int64, limit: Int, includeAttempts: Bool) async throws(ConvdError) -> [OutboxItem] {
        try await read("listing the outbox") { db in
            var clauses = ["id > ?"]
            var args: [any DatabaseValueConvertible] = [afterID]
            if !filter.sourceID.isEmpty { clauses.append("source_id = ?"); args.append(filter.sourceID) }
            if let state = filter.state { clauses.append("state = ?"); args.append(state.rawValue) }
            if filter.fromMs > 0 { clauses.append("created_at_ms >= ?"); args.append(filter.fromMs) }
            if filter.toMs > 0 { clauses.append("created_at_ms < ?"); args.append(filter.toMs) }
            var items = try Row.fetchAll(db, sql: "SELECT \(OutboxRecord.columns) FROM outbox WHERE \(clauses.joined(separator: " AND ")) ORDER BY id LIMIT ?",
                                         arguments: StatementArguments(args + [limit])).map(OutboxRecord.item(from:))
            for i in items.indices {
                items[i].kind = try String.fetchOne(db, sql: "SELECT outcome FROM feedback_event WHERE seq = ?",
                                                    arguments: [items[i].eventSeq]) ?? ""
            }
            if includeAttempts {
                for i in items.indices {
                    items[i].attemptLog = try Row.fetchAll(db, sql: "SELECT * FROM forward_attempt WHERE outbox_id = ? ORDER BY attempt",
                                                           arguments: [items[i].id]).map { r in
                        ForwardAttempt(atMs: r["at_ms"], statusCode: r["status_code"], bodyPrefix: r["body_prefix"],
                                       durationMs: r["duration_ms"], error: r["error"])
                    }
                }
            }
            return items
        }
    }

    /// Queues DEAD items again: one by id, or all of a source's. - Returns: how many.
    /// - Throws: `notFound` for an unknown item, `failedPrecondition` for one that is not DEAD.
    public func retryForwards(itemID: Int64?, sourceID: String?, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Int {
        let now = clock.nowMs()
        defer { forwardsNotifier.notify() }  // wakes the forwarding worker, which sleeps while nothing is due
        return try await idempotentWrite("Forwarding/Retry", idempotency, nowMs: now) { db in
            if let itemID {
                guard let state = try db.scalar(String.self, "SELECT state FROM outbox WHERE id = ?", itemID) else {
                    throw ConvdError.notFound("no forward \(itemID)")
                }
                guard state == OutboxState.dead.rawValue else {
                    throw ConvdError.failedPrecondition("forward \(itemID) is \(state), only DEAD forwards are retried")
                }
                try db.exec("UPDATE outbox SET state = 'PENDING', attempts = 0, next_attempt_at_ms = ? WHERE id = ?", now, itemID)
                return 1
            }
            try db.exec("UPDATE outbox SET state = 'PENDING', attempts = 0, next_attempt_at_ms = ? WHERE source_id = ? AND state = 'DEAD'",
                        now, sourceID ?? "")
            return db.changesCount
        }
    }
}
