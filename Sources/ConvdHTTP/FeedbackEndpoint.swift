import ConvdCore
import ConvdProto
import ConvdServer
import ConvdWire
import HTTPTypes
import Hummingbird
import Logging

/// `POST /feedback?event_id=ID` (or `click_id` and `recipient`), LeadConduit's feedback API: a
/// JSON, XML or form body of `FeedbackFields`, answered `201` with the outcome in LeadConduit's
/// words, the lead and the conversion. The report goes through `Feedback/Record` like a socket
/// call: same role check, rules, idempotency (the `Idempotency-Key` header) and errors.
struct FeedbackEndpoint: Sendable {
    let caller: InProcessCaller
    let tokens: HTTPTokenTable
    let maxBytes: Int
    let logger: Logger

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    func handle(_ request: Request) async -> Response {
        let accept = request.headers[.accept]
        let token: HTTPToken
        do { token = try tokens.authenticate(request.headers[.authorization]) } catch {
            return HTTPReplies.error(.unauthenticated, error.message, accept: accept)
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: maxBytes) } catch {
            return HTTPReplies.error(.invalidArgument, "the body is larger than \(maxBytes) bytes", accept: accept, status: .contentTooLarge)
        }
        var fields: [String: String]
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        do throws(HTTPBodyError) {
            let sent = try FeedbackBodyParser.fields(Array(buffer: body), contentType: request.headers[.contentType])
            fields = try Self.merge(query: query, body: sent)
        } catch {
            return HTTPReplies.error(.invalidArgument, error.message, accept: accept, status: error.unsupportedType ? .unsupportedMediaType : nil)
        }
        let principal = "http-token:\(token.name)"
        let binding = RecipientBinding(caller: caller, token: token)
        do {
            binding.fill(&fields)
            let report = try FeedbackFields.report(fields)
            var lead = try await binding.check(report)
            var call = Convd_V1_RecordFeedbackRequest()
            call.feedback = report
            let reply = try await caller.call(MethodName(service: "Feedback", method: "Record"), call, as: Convd_V1_RecordFeedbackResponse.self, role: token.role,
                                              principal: principal, idempotencyKey: request.headers[Self.idempotencyKey] ?? "")
            let result = reply.result
            if lead == nil {
                let event = report.eventID.isEmpty ? result.conversion.eventID : report.eventID
                if !event.isEmpty { lead = try? await binding.delivery(event) }
            }
            var doc: [(String, ReplyDocument)] = [("outcome", .text(HTTPReplies.verdict(result.outcome))), ("reason", .text(result.detail)),
                                                  ("convd_outcome", .text(OutcomeName.name(result.outcome)))]
            if let lead { doc.append(("lead", HTTPReplies.lead(lead))) }
            if result.hasConversion { doc.append(("conversion", HTTPReplies.conversion(result.conversion))) }
            return HTTPReplies.document(.object(doc), root: "result", status: .created, accept: accept)
        } catch let error as StatusError {
            return HTTPReplies.error(error.code, error.message, accept: accept)
        } catch {
            // A report that does not parse (ConvdError), mapped where every error becomes a status.
            let status = StatusMapping.status(for: error, logger: logger)
            return HTTPReplies.error(status.code, status.message, accept: accept)
        }
    }

    /// Query parameters and body fields together; a name given in both must say the same.
    static func merge(query: [String: String], body: [String: String]) throws(HTTPBodyError) -> [String: String] {
        var out = body
        for (n, v) in query {
            if let other = out[n], other != v {
                throw HTTPBodyError("\(n) is '\(v)' in the query but '\(other)' in the body")
            }
            out[n] = v
        }
        return out
    }
}
