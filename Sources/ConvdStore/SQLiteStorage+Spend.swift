import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Corrects a delivery's cost (nil removes it), as a new version of its cost history.
    public func adjustCost(eventID: String, cost: Money?, reason: String, actor: String,
                           idempotency: IdempotencyClaim?) async throws(ConvdError) -> CostAdjustment {
        let now = clock.nowMs()
        return try await idempotentWrite("Deliveries/AdjustCost", idempotency, nowMs: now) { db in
            guard var delivery = try DeliveryRecord.find(.eventID(eventID), in: db) else {
                throw ConvdError.notFound("no delivery with event ID '\(eventID)'")
            }
            guard delivery.cost != cost else {
                throw ConvdError.failedPrecondition("delivery '\(eventID)' already costs \(cost.map { "\(MoneyFormat.decimal($0)) \($0.currency)" } ?? "nothing"); nothing to correct")
            }
            if delivery.cost == nil, try CostRecord.history(eventID: eventID, in: db).isEmpty {
                // A delivery recorded without a cost: its first version says so, so the history starts where it did.
                try CostRecord.append(eventID: eventID, cost: nil, reason: "recorded without a cost", actor: "", atMs: delivery.recordedAtMs, in: db)
            }
            try db.exec("UPDATE delivery SET cost_minor = ?, cost_currency = ? WHERE event_id = ?", cost?.amountMinor, cost?.currency, eventID)
            try CostRecord.append(eventID: eventID, cost: cost, reason: reason, actor: actor, atMs: now, in: db)
            delivery.cost = cost
            return CostAdjustment(delivery: delivery, history: try CostRecord.history(eventID: eventID, in: db))
        }
    }

    /// Every cost a delivery has had, oldest first (empty when it never had one).
    public func costHistory(eventID: String) async throws(ConvdError) -> [CostVersion] {
        try await read("reading a cost history") { db in try CostRecord.history(eventID: eventID, in: db) }
    }

    /// The delivery's return and its credit, or nil when it has none.
    public func deliveryReturn(eventID: String) async throws(ConvdError) -> DeliveryReturn? {
        try await read("reading a return") { db in try Self.deliveryReturn(eventID: eventID, in: db) }
    }

    /// Retracts an accepted return: it stays in the log with why and by whom, no longer counts
    /// against the source's cap, and no longer credits the lead's cost.
    /// - Throws: `notFound` when the delivery has no return, `failedPrecondition` when it was retracted already.
    public func retractReturn(eventID: String, reason: String, actor: String,
                              idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeliveryReturn {
        let now = clock.nowMs()
        return try await idempotentWrite("Returns/Retract", idempotency, nowMs: now) { db in
            guard let found = try Self.deliveryReturn(eventID: eventID, in: db) else {
                throw ConvdError.notFound("delivery '\(eventID)' has no return")
            }
            guard found.retractedAtMs == 0 else {
                throw ConvdError.failedPrecondition(
                    "the return of '\(eventID)' was retracted already, at \(ISOTime.string(ms: found.retractedAtMs)) by \(found.retractedBy)")
            }
            try db.exec("UPDATE delivery_return SET retracted_at_ms = ?, retract_reason = ?, retracted_by = ? WHERE event_id = ?", now, reason, actor, eventID)
            return try Self.deliveryReturn(eventID: eventID, in: db) ?? found
        }
    }

    /// The return of `eventID` with its credit (the delivery's cost while the return stands).
    static func deliveryReturn(eventID: String, in db: Database) throws -> DeliveryReturn? {
        try db.first(ReturnRecord.byEventID, eventID, as: ReturnRecord.deliveryReturn(from:))
    }
}
