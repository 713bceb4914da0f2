import ConvdCore
import ConvdProto
import ConvdStore

/// `Deliveries/*`: record a delivered lead, read it back.
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
}
