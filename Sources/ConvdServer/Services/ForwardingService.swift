import ConvdCore
import ConvdProto
import ConvdStore

/// `Forwarding/*`: the outbox, listed and retried.
struct ForwardingService: Sendable {
    let storage: any ConvdStorage

    func list(_ req: Convd_V1_ListForwardsRequest, _: CallContext) async throws -> Convd_V1_ListForwardsResponse {
        let size = try Paging.size(req.pageSize)
        let after = try Paging.seq(req.pageToken)
        var filter = OutboxFilter()
        filter.sourceID = req.sourceID
        switch req.state {
        case .unspecified: filter.state = nil
        case .pending: filter.state = .pending
        case .sent: filter.state = .sent
        case .dead: filter.state = .dead
        case .UNRECOGNIZED(let n): throw ConvdError.invalid(field: "state", "unknown state \(n)")
        }
        try ConversionFilter.checkRange(from: req.fromMs, to: req.toMs, path: "")
        filter.fromMs = req.fromMs
        filter.toMs = req.toMs
        let items = try await storage.listForwards(filter, afterID: after, limit: size + 1, includeAttempts: req.includeAttempts)
        var r = Convd_V1_ListForwardsResponse()
        (r.items, r.nextPageToken) = Paging.page(items, size: size, proto: \.proto, token: { String($0.id) })
        return r
    }

    func retry(_ req: Convd_V1_RetryForwardsRequest, ctx: CallContext) async throws -> Convd_V1_RetryForwardsResponse {
        var r = Convd_V1_RetryForwardsResponse()
        switch req.target {
        case .itemID(let id)?:
            r.retried = UInt32(clamping: try await storage.retryForwards(itemID: InputBounds.int64(id, field: "item_id"), sourceID: nil,
                                                                                      idempotency: ctx.idempotency))
        case .sourceID(let source)? where !source.isEmpty:
            r.retried = UInt32(clamping: try await storage.retryForwards(itemID: nil, sourceID: source, idempotency: ctx.idempotency))
        default:
            throw ConvdError.invalid(field: "target", "give item_id or source_id")
        }
        ctx.logger.info("forwards retried", metadata: ["count": "\(r.retried)"])
        return r
    }
}

extension OutboxItem {
    var proto: Convd_V1_OutboxItem {
        var p = Convd_V1_OutboxItem()
        p.id = UInt64(clamping: id)
        p.sourceID = sourceID
        p.conversionID = conversionID
        p.eventSeq = UInt64(clamping: eventSeq)
        p.state = switch state {
        case .pending: .pending
        case .sent: .sent
        case .dead: .dead
        }
        p.attempts = UInt32(clamping: attempts)
        p.maxAttempts = UInt32(clamping: maxAttempts)
        p.lastStatusCode = UInt32(clamping: lastStatusCode)
        p.lastError = lastError
        p.nextAttemptAtMs = state == .pending ? nextAttemptAtMs : 0
        p.createdAtMs = createdAtMs
        p.sentAtMs = sentAtMs
        p.idempotencyKey = idempotencyKey
        p.url = SecretMask.masked(url: request.url)
        p.kind = kind
        p.method = request.method
        p.contentType = request.contentType
        p.body = ForwardBodyMask.masked(request.body, contentType: request.contentType)
        p.attemptLog = attemptLog.map { a in
            var w = Convd_V1_ForwardAttempt()
            w.atMs = a.atMs
            w.statusCode = UInt32(clamping: a.statusCode)
            w.bodyPrefix = a.bodyPrefix
            w.durationMs = UInt32(clamping: a.durationMs)
            w.error = a.error
            return w
        }
        return p
    }
}
