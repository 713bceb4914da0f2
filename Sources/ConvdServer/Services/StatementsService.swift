import ConvdCore
import ConvdProto
import ConvdStore

/// `Sources/Statement` and `Sources/CloseMonth`: monthly vendor statements and closing them.
struct StatementsService: Sendable {
    let storage: any ConvdStorage

    func statement(_ req: Convd_V1_StatementRequest, _: CallContext) async throws -> Convd_V1_StatementResponse {
        try Self.check(sourceID: req.sourceID, month: req.month)
        let size = req.detail ? try Paging.size(req.pageSize) : 0
        return try await storage.statement(sourceID: req.sourceID, month: req.month, timeZone: req.timeZone, detail: req.detail,
                                           pageSize: size, pageToken: req.pageToken).proto
    }

    func closeMonth(_ req: Convd_V1_CloseMonthRequest, _ ctx: CallContext) async throws -> Convd_V1_CloseMonthResponse {
        try Self.check(sourceID: req.sourceID, month: req.month)
        let close = try await storage.closeMonth(sourceID: req.sourceID, month: req.month, timeZone: req.timeZone, actor: ctx.actor,
                                                 idempotency: ctx.idempotency)
        ctx.logger.notice("month closed", metadata: ["source": "\(req.sourceID)", "month": "\(close.month)", "time_zone": "\(close.timeZone)"])
        var r = Convd_V1_CloseMonthResponse()
        r.statement = try await storage.statement(sourceID: req.sourceID, month: close.month, timeZone: close.timeZone, detail: false,
                                                  pageSize: 0, pageToken: "").proto
        return r
    }

    private static func check(sourceID: String, month: String) throws(ConvdError) {
        var v = ViolationCollector()
        if sourceID.isEmpty { v.add("source_id", "is required") }
        if month.isEmpty { v.add("month", "is required (YYYY-MM, e.g. 2026-11)") }
        try v.throwIfAny()
    }
}
