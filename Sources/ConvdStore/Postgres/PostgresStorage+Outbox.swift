import ConvdCore

extension PostgresStorage {
    /// Items due now, the oldest pending one of each order key, not leased by another daemon.
    public func dueForwards(nowMs: Int64, limit: Int, leaseOwner: String) async throws(ConvdError) -> [OutboxItem] {
        try await transaction("reading the outbox") { tx in
            try tx.rows("""
                SELECT \(OutboxRecord.columns) FROM outbox o
                WHERE state = 'PENDING' AND next_attempt_at_ms <= $1 AND (lease_until_ms <= $1 OR lease_owner = $2)
                  AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.order_key = o.order_key AND p.state = 'PENDING' AND p.id < o.id)
                ORDER BY next_attempt_at_ms, id LIMIT $3
                """, [.int(nowMs), .text(leaseOwner), .int(limit)]).map(OutboxRecord.item(from:))
        }
    }

    /// Leases `ids` to `owner`. Rows another daemon is claiming right now are skipped (`SKIP
    /// LOCKED`), so two daemons never both take one item and neither waits for the other.
    public func claimForwards(ids: [Int64], owner: String, nowMs: Int64, leaseMs: Int64) async throws(ConvdError) -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        let list = ids.map(String.init).joined(separator: ",")
        return try await transaction("claiming forwards") { tx in
            let rows = try tx.rows("""
                UPDATE outbox SET lease_owner = $1, lease_until_ms = $2
                WHERE id IN (SELECT id FROM outbox WHERE id IN (\(list)) AND state = 'PENDING' AND (lease_until_ms <= $3 OR lease_owner = $1)
                             FOR UPDATE SKIP LOCKED)
                RETURNING id
                """, [.text(owner), .int(nowMs + leaseMs), .int(nowMs)])
            return Set(try rows.map { try $0.value("id") as Int64 })
        }
    }

    /// When the next PENDING item falls due after `nowMs` (see `SQLiteStorage.nextForwardDueAtMs`).
    public func nextForwardDueAtMs(after nowMs: Int64, leaseOwner: String) async throws(ConvdError) -> Int64? {
        try await transaction("reading the outbox") { tx in
            try tx.value(Int64?.self, """
                SELECT min(due) FROM (
                  SELECT greatest(next_attempt_at_ms, CASE lease_owner WHEN $1 THEN 0 ELSE lease_until_ms END) AS due
                  FROM outbox WHERE state = 'PENDING') d
                WHERE due > $2
                """, [.text(leaseOwner), .int(nowMs)]) ?? nil
        }
    }

    /// PENDING and DEAD items by source.
    public func outboxCounts() async throws(ConvdError) -> [OutboxCount] {
        try await transaction("counting the outbox") { tx in
            try tx.rows("SELECT source_id, state, count(*) AS n FROM outbox WHERE state IN ('PENDING', 'DEAD') GROUP BY source_id, state")
                .map { row in
                    OutboxCount(sourceID: try row.value("source_id"), state: OutboxState(rawValue: try row.value("state")) ?? .pending,
                                count: try row.value("n"))
                }
        }
    }

    /// Logs an attempt and moves the item: SENT, DEAD, or PENDING again at `retryAtMs`.
    public func recordForwardAttempt(_ item: OutboxItem, attempt: ForwardAttempt, verdict: ForwardVerdict,
                                     retryAtMs: Int64) async throws(ConvdError) {
        let attempts = item.attempts + 1
        let state = item.state(afterAttempt: verdict)
        let error = item.lastError(afterAttempt: verdict)
        try await transaction("recording a forward attempt") { tx in
            try tx.run("""
                INSERT INTO forward_attempt (outbox_id, attempt, at_ms, status_code, body_prefix, duration_ms, error)
                SELECT $1, coalesce(max(attempt), 0) + 1, $2, $3, $4, $5, $6 FROM forward_attempt WHERE outbox_id = $1
                """, [.int(item.id), .int(attempt.atMs), .int(attempt.statusCode), .text(attempt.bodyPrefix), .int(attempt.durationMs),
                      .text(attempt.error)])
            try tx.run("""
                UPDATE outbox SET state = $1, attempts = $2, last_status_code = $3, last_error = $4, next_attempt_at_ms = $5, sent_at_ms = $6,
                  lease_owner = '', lease_until_ms = 0
                WHERE id = $7 AND state = 'PENDING'
                """, [.text(state.rawValue), .int(attempts), .int(attempt.statusCode), .text(error), .int(retryAtMs),
                      .int(state == .sent ? attempt.atMs : 0), .int(item.id)])
        }
    }

    /// A page of outbox items, oldest first, optionally with their attempt logs.
    public func listForwards(_ filter: OutboxFilter, afterID: Int64, limit: Int, includeAttempts: Bool) async throws(ConvdError) -> [OutboxItem] {
        var clauses = ["id > $1"]
        var binds: [PostgresBind] = [.int(afterID)]
        func add(_ clause: String, _ bind: PostgresBind) { binds.append(bind); clauses.append(clause.replacingOccurrences(of: "?", with: "$\(binds.count)")) }
        if !filter.sourceID.isEmpty { add("source_id = ?", .text(filter.sourceID)) }
        if let state = filter.state { add("state = ?", .text(state.rawValue)) }
        if filter.fromMs > 0 { add("created_at_ms >= ?", .int(filter.fromMs)) }
        if filter.toMs > 0 { add("created_at_ms < ?", .int(filter.toMs)) }
        binds.append(.int(limit))
        let sql = "SELECT \(OutboxRecord.columns) FROM outbox WHERE \(clauses.joined(separator: " AND ")) ORDER BY id LIMIT $\(binds.count)"
        let all = binds
        return try await transaction("listing the outbox") { tx in
            var items = try tx.rows(sql, all).map(OutboxRecord.item(from:))
            for i in items.indices {
                items[i].kind = try tx.value(String.self, "SELECT outcome FROM feedback_event WHERE seq = $1", [.int(items[i].eventSeq)]) ?? ""
                if includeAttempts {
                    items[i].attemptLog = try tx.rows("SELECT * FROM forward_attempt WHERE outbox_id = $1 ORDER BY attempt", [.int(items[i].id)])
                        .map { r in
                            ForwardAttempt(atMs: try r.value("at_ms"), statusCode: try r.value("status_code"), bodyPrefix: try r.value("body_prefix"),
                                           durationMs: try r.value("duration_ms"), error: try r.value("error"))
                        }
                }
            }
            return items
        }
    }

    /// Queues DEAD items again: one by id, or all of a source's. - Returns: how many.
    public func retryForwards(itemID: Int64?, sourceID: String?, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Int {
        let now = clock.nowMs()
        defer { forwardsNotifier.notify() }
        return try await idempotentWrite("Forwarding/Retry", idempotency, nowMs: now) { tx in
            try tx.run("SELECT pg_notify('\(PostgresEventListener.channel)', '\(PostgresEventListener.forwardsPayload)')")  // wakes every daemon's worker
            if let itemID {
                guard let state = try tx.value(String.self, "SELECT state FROM outbox WHERE id = $1 FOR UPDATE", [.int(itemID)]) else {
                    throw ConvdError.notFound("no forward \(itemID)")
                }
                guard state == OutboxState.dead.rawValue else {
                    throw ConvdError.failedPrecondition("forward \(itemID) is \(state), only DEAD forwards are retried")
                }
                try tx.run("UPDATE outbox SET state = 'PENDING', attempts = 0, next_attempt_at_ms = $1 WHERE id = $2", [.int(now), .int(itemID)])
                return 1
            }
            return try tx.rows("""
                UPDATE outbox SET state = 'PENDING', attempts = 0, next_attempt_at_ms = $1 WHERE source_id = $2 AND state = 'DEAD' RETURNING 1
                """, [.int(now), .text(sourceID ?? "")]).count
        }
    }
}
