import ConvdCore
import ConvdProto
import ConvdStore
import ConvdWire

/// `Feedback/*`: proto to `FeedbackInput`, the store's one transaction, the result back.
struct FeedbackService: Sendable {
    let storage: any ConvdStorage
    let metrics: ServerMetrics

    func record(_ req: Convd_V1_RecordFeedbackRequest, _ ctx: CallContext) async throws -> Convd_V1_RecordFeedbackResponse {
        guard req.hasFeedback else { throw ConvdError.invalid(field: "feedback", "is required") }
        let input = try FeedbackInput(proto: req.feedback, path: "feedback")
        var r = Convd_V1_RecordFeedbackResponse()
        let result = try await storage.recordFeedback(input, idempotency: ctx.idempotency, actor: ctx.actor)
        metrics.feedback(outcome: result.outcome.rawValue)
        r.result = result.proto
        return r
    }

    func recordBatch(_ req: Convd_V1_RecordFeedbackBatchRequest, _ ctx: CallContext) async throws -> Convd_V1_RecordFeedbackBatchResponse {
        guard !req.items.isEmpty else { throw ConvdError.invalid(field: "items", "at least one feedback is required") }
        guard req.items.count <= SQLiteStorage.maxFeedbackBatchItems else {
            throw ConvdError.invalid(field: "items", "at most \(SQLiteStorage.maxFeedbackBatchItems) feedbacks per batch, got \(req.items.count)")
        }
        // A malformed item gets its own INVALID_ARGUMENT; the well-formed ones are recorded.
        var inputs: [FeedbackInput] = []
        var invalid: [Int: ConvdError] = [:]
        for (i, item) in req.items.enumerated() {
            do { inputs.append(try FeedbackInput(proto: item, path: "items[\(i)]")) } catch { invalid[i] = error }
        }
        var recorded = try await storage.recordFeedbackBatch(inputs, idempotency: ctx.idempotency, actor: ctx.actor)
            .makeIterator()
        var r = Convd_V1_RecordFeedbackBatchResponse()
        for i in req.items.indices {
            if let error = invalid[i] {
                r.results.append(Self.failed(error, ctx))
            } else if let item = recorded.next() {
                switch item {
                case .ok(let result):
                    metrics.feedback(outcome: result.outcome.rawValue)
                    r.results.append(result.proto)
                case .failed:
                    metrics.feedback(outcome: FeedbackOutcome.failed.rawValue)
                    r.results.append(Self.failed(item.error!, ctx))
                }
            }
        }
        return r
    }

    func adjust(_ req: Convd_V1_AdjustRequest, _ ctx: CallContext) async throws -> Convd_V1_AdjustResponse {
        try await adjust(AdjustmentInput(proto: req), ctx)
    }

    func retract(_ req: Convd_V1_AdjustRequest, _ ctx: CallContext) async throws -> Convd_V1_AdjustResponse {
        try await adjust(AdjustmentInput(proto: req, kind: .retract), ctx)
    }

    private func adjust(_ input: AdjustmentInput, _ ctx: CallContext) async throws -> Convd_V1_AdjustResponse {
        var r = Convd_V1_AdjustResponse()
        let result = try await storage.adjust(input, idempotency: ctx.idempotency, actor: ctx.actor)
        metrics.feedback(outcome: result.outcome.rawValue)
        r.result = result.proto
        return r
    }

    private static func failed(_ error: ConvdError, _ ctx: CallContext) -> Convd_V1_FeedbackResult {
        var r = Convd_V1_FeedbackResult()
        r.outcome = .failed
        r.status = StatusMapping.status(for: error, logger: ctx.logger).proto
        return r
    }
}
