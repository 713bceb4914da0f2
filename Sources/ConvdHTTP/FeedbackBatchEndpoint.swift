import ConvdCore
import ConvdProto
import ConvdServer
import ConvdWire
import HTTPTypes
import Hummingbird

/// `POST /feedback/batch` with a `text/csv` body (`FeedbackCSV`): every row recorded through
/// `Feedback/RecordBatch` in chunks of 1,000, never all-or-nothing, answered with one CSV result
/// line per row (row number, target, outcome, conversion ID, error).
struct FeedbackBatchEndpoint: Sendable {
    let caller: InProcessCaller
    let tokens: HTTPTokenTable
    let maxBytes: Int

    func handle(_ request: Request) async -> Response {
        let accept = request.headers[.accept]
        let token: HTTPToken
        do { token = try tokens.authenticate(request.headers[.authorization]) } catch {
            return HTTPReplies.error(.unauthenticated, error.message, accept: accept)
        }
        let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == "text/csv" || type == "application/csv" else {
            return HTTPReplies.error(.invalidArgument, "Content-Type must be text/csv", accept: accept, status: .unsupportedMediaType)
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: maxBytes) } catch {
            return HTTPReplies.error(.invalidArgument, "the body is larger than \(maxBytes) bytes; split the file", accept: accept,
                                     status: .contentTooLarge)
        }
        guard let text = String(validating: Array(buffer: body), as: UTF8.self) else {
            return HTTPReplies.error(.invalidArgument, "the body is not UTF-8 text", accept: accept)
        }
        let rows: [FeedbackCSV.Parsed]
        do { rows = try FeedbackCSV.parse(text) } catch { return HTTPReplies.error(.invalidArgument, error.message, accept: accept) }
        let binding = RecipientBinding(caller: caller, token: token)
        var lines = [FeedbackCSV.resultHeader]
        var start = 0
        while start < rows.count {
            let chunk = Array(rows[start..<min(start + FeedbackCSV.chunk, rows.count)])
            lines += await record(chunk, firstRow: start + 1, token: token, binding: binding)
            start += chunk.count
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\n") + "\n")))
    }

    /// Records the rows of one chunk that parsed and passed the binding, in one RecordBatch.
    private func record(_ chunk: [FeedbackCSV.Parsed], firstRow: Int, token: HTTPToken, binding: RecipientBinding) async -> [String] {
        var lines = [String](repeating: "", count: chunk.count)
        var items: [(index: Int, target: String, report: Convd_V1_FeedbackReport)] = []
        for (i, parsed) in chunk.enumerated() {
            switch parsed.report {
            case .failure(let error):
                lines[i] = FeedbackCSV.resultLine(row: firstRow + i, target: parsed.target, outcome: "FAILED", error: error.message)
            case .success(var report):
                if let bound = token.recipientID, case .click(var click)? = report.target, click.recipientID.isEmpty {
                    click.recipientID = bound
                    report.click = click
                }
                do {
                    _ = try await binding.check(report)
                    items.append((i, parsed.target, report))
                } catch {
                    lines[i] = FeedbackCSV.resultLine(row: firstRow + i, target: parsed.target, outcome: "FAILED", error: error.message)
                }
            }
        }
        guard !items.isEmpty else { return lines }
        var batch = Convd_V1_RecordFeedbackBatchRequest()
        batch.items = items.map(\.report)
        do {
            let reply = try await caller.call(MethodName(service: "Feedback", method: "RecordBatch"), batch,
                                              as: Convd_V1_RecordFeedbackBatchResponse.self, role: token.role, principal: "http-token:\(token.name)")
            for (item, result) in zip(items, reply.results) {
                let failed = result.status.code != 0
                lines[item.index] = FeedbackCSV.resultLine(
                    row: firstRow + item.index, target: item.target, outcome: OutcomeName.name(result.outcome),
                    conversionID: result.conversion.id, error: failed ? result.status.message : result.detail)
            }
        } catch {
            for item in items {
                lines[item.index] = FeedbackCSV.resultLine(row: firstRow + item.index, target: item.target, outcome: "FAILED",
                                                           error: "\(error.code.name): \(error.message)")
            }
        }
        return lines
    }
}
