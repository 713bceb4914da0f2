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
