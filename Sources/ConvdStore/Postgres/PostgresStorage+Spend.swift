import ConvdCore

extension PostgresStorage {
    /// Corrects a delivery's cost (see `SQLiteStorage.adjustCost`); the delivery row is locked, so
    /// two daemons correcting one cost write two versions in turn, never one number twice.
    public func adjustCost(eventID: String, cost: Money?, reason: String, actor: String,
                           idempotency: IdempotencyClaim?) async throws(ConvdError) -> CostAdjustment {
        let now = clock.nowMs()
        return try await idempotentWrite("Deliveries/AdjustCost", idempotency, nowMs: now) { tx in
            guard var delivery = try tx.rows("SELECT \(DeliveryRecord.columns) FROM delivery WHERE event_id = $1 FOR UPDATE", [.text(eventID)])
                .first.map(DeliveryRecord.delivery(from:)) else {
                throw ConvdError.notFound("no delivery with event ID '\(eventID)'")
            }
            guard delivery.cost != cost else {
                throw ConvdError.failedPrecondition("delivery '\(eventID)' already costs \(cost.map { "\(MoneyFormat.decimal($0)) \($0.currency)" } ?? "nothing"); nothing to correct")
            }
            var history = try Self.costHistory(eventID, tx)
            if delivery.cost == nil, history.isEmpty {
                try Self.appendCost(eventID, nil, "recorded without a cost", actor: "", atMs: delivery.recordedAtMs, tx)
            }
            try tx.run("UPDATE delivery SET cost_minor = $1, cost_currency = $2 WHERE event_id = $3",
                       [.int(cost?.amountMinor), .text(cost?.currency), .text(eventID)])
            try Self.appendCost(eventID, cost, reason, actor: actor, atMs: now, tx)
            delivery.cost = cost
            history = try Self.costHistory(eventID, tx)
            return CostAdjustment(delivery: delivery, history: history)
        }
    }

    /// Every cost a delivery has had, oldest first.
    public func costHistory(eventID: String) async throws(ConvdError) -> [CostVersion] {
        try await transaction("reading a cost history") { tx in try Self.costHistory(eventID, tx) }
    }

    /// The delivery's return and its credit, or nil when it has none.
    public func deliveryReturn(eventID: String) async throws(ConvdError) -> DeliveryReturn? {
        try await transaction("reading a return") { tx in try Self.deliveryReturn(eventID, tx) }
    }

    /// Retracts an accepted return (see `SQLiteStorage.retractReturn`).
    public func retractReturn(eventID: String, reason: String, actor: String,
                              idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeliveryReturn {
        let now = clock.nowMs()
        return try await idempotentWrite("Returns/Retract", idempotency, nowMs: now) { tx in
            try tx.run("SELECT 1 FROM delivery_return WHERE event_id = $1 FOR UPDATE", [.text(eventID)])
            guard let found = try Self.deliveryReturn(eventID, tx) else { throw ConvdError.notFound("delivery '\(eventID)' has no return") }
            guard found.retractedAtMs == 0 else {
                throw ConvdError.failedPrecondition(
                    "the return of '\(eventID)' was retracted already, at \(ISOTime.string(ms: found.retractedAtMs)) by \(found.retractedBy)")
            }
            try tx.run("UPDATE delivery_return SET retracted_at_ms = $1, retract_reason = $2, retracted_by = $3 WHERE event_id = $4",
                       [.int(now), .text(reason), .text(actor), .text(eventID)])
            return try Self.deliveryReturn(eventID, tx) ?? found
        }
    }

    private static func costHistory(_ eventID: String, _ tx: PostgresTransaction) throws -> [CostVersion] {
        try tx.rows(PostgresSQL.numbered(CostRecord.historySQL), [.text(eventID)]).map(CostRecord.version(from:))
    }

    private static func deliveryReturn(_ eventID: String, _ tx: PostgresTransaction) throws -> DeliveryReturn? {
        try tx.rows(PostgresSQL.numbered(ReturnRecord.byEventID), [.text(eventID)]).first.map(ReturnRecord.deliveryReturn(from:))
    }

    /// Appends the next version of a delivery's cost (the delivery row is locked by the caller).
    static func appendCost(_ eventID: String, _ cost: Money?, _ reason: String, actor: String, atMs: Int64, _ tx: PostgresTransaction) throws {
        try tx.run("""
            INSERT INTO delivery_cost_version (event_id, version, cost_minor, cost_currency, reason, actor, at_ms)
            SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6 FROM delivery_cost_version WHERE event_id = $1
            """, [.text(eventID), .int(cost?.amountMinor), .text(cost?.currency), .text(reason), .text(actor), .int(atMs)])
    }
}
