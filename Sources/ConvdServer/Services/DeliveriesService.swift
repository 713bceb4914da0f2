import ConvdCore
import ConvdProto
import ConvdStore

/// `Deliveries/*`: record a delivered lead, read it back, erase its personal data.
struct DeliveriesService: Sendable {
    let storage: any ConvdStorage

    func record(_ req: Convd_V1_RecordDeliveryRequest, _ ctx: CallContext) async throws -> Convd_V1_RecordDeliveryResponse {
        guard req.hasDelivery else { throw ConvdError.invalid(field: "delivery", "is required") }
        let delivery = try Delivery(proto: req.delivery, path: "delivery")
        var r = Convd_V1_RecordDeliveryResponse()
        r.delivery = try await storage.recordDelivery(delivery, idempotency: ctx.idempotency).proto
        return r
    }

    func get(_ req: Convd_V1_GetDeliveryRequest, _: CallContext) async throws -> Convd_V1_GetDeliveryResponse {
        guard !req.eventID.isEmpty else { throw ConvdError.invalid(field: "event_id", "is required") }
        var r = Convd_V1_GetDeliveryResponse()
        r.delivery = try await storage.delivery(eventID: req.eventID).proto
        r.costHistory = try await storage.costHistory(eventID: req.eventID).map(\.proto)
        if let found = try await storage.deliveryReturn(eventID: req.eventID) { r.returnInfo = found.proto }
        return r
    }

    func adjustCost(_ req: Convd_V1_AdjustCostRequest, _ ctx: CallContext) async throws -> Convd_V1_AdjustCostResponse {
        var v = ViolationCollector()
        if req.eventID.isEmpty { v.add("event_id", "is required") }
        if req.hasCost == req.remove { v.add("cost", "give a cost, or remove = true to take it away") }
        if req.hasCost { InputBounds.checkAmount(Money(proto: req.cost), field: "cost", into: &v) }
        if req.reason.utf8.count > 1_024 { v.add("reason", "must be at most 1024 bytes") }
        try v.throwIfAny()
        let done = try await storage.adjustCost(eventID: req.eventID, cost: req.hasCost ? Money(proto: req.cost) : nil,
                                                reason: req.reason, actor: ctx.actor, idempotency: ctx.idempotency)
        var r = Convd_V1_AdjustCostResponse()
        r.delivery = done.delivery.proto
        r.costHistory = done.history.map(\.proto)
        return r
    }

    func erase(_ req: Convd_V1_EraseDeliveriesRequest, _ ctx: CallContext) async throws -> Convd_V1_EraseDeliveriesResponse {
        let target: ErasureTarget
        switch req.target {
        case .eventID(let id) where !id.isEmpty: target = .eventID(id)
        case .email(let email) where !email.isEmpty:
            guard email.count <= 320, email.contains("@") else { throw ConvdError.invalid(field: "email", "must be an email address") }
            target = .email(email)
        default: throw ConvdError.invalid(field: "target", "an event_id or an email is required")
        }
        let (ids, at) = try await storage.eraseDeliveries(target)
        // An erasure is an operator's act on personal data: logged with who did it, never with the data.
        ctx.logger.notice("erased personal data", metadata: [
            "deliveries": "\(ids.count)", "peer_uid": "\(ctx.peer.uid)", "role": "\(ctx.role)",
        ])
        var r = Convd_V1_EraseDeliveriesResponse()
        r.eventIds = ids
        r.erasedAtMs = at
        return r
    }
}
