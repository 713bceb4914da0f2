import ConvdCore
import ConvdProto
import ConvdStore

/// `Returns/*`: corrections of accepted returns.
struct ReturnsService: Sendable {
    let storage: any ConvdStorage

    func retract(_ req: Convd_V1_RetractReturnRequest, _ ctx: CallContext) async throws -> Convd_V1_RetractReturnResponse {
        var v = ViolationCollector()
        if req.eventID.isEmpty { v.add("event_id", "is required") }
        if req.reason.utf8.count > 1_024 { v.add("reason", "must be at most 1024 bytes") }
        try v.throwIfAny()
        var r = Convd_V1_RetractReturnResponse()
        r.returnInfo = try await storage.retractReturn(eventID: req.eventID, reason: req.reason, actor: ctx.actor,
                                                      idempotency: ctx.idempotency).proto
        return r
    }
}
