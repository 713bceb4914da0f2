import ConvdCore
import ConvdProto
import ConvdWire
import HTTPTypes
import Hummingbird

/// Builds the HTTP listener's responses: documents in JSON or XML by `Accept`, errors with the
/// status the wire code maps to and the same message a socket caller gets.
enum HTTPReplies {
    /// `doc` as JSON or XML (root element `root`) with `status`.
    static func document(_ doc: ReplyDocument, root: String, status: HTTPResponse.Status, accept: String?,
                         headers extra: HTTPFields = [:]) -> Response {
        let xml = ReplyDocument.wantsXML(accept)
        var headers = extra
        headers[.contentType] = xml ? "application/xml; charset=utf-8" : "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml ? doc.xml(root: root) : doc.json)))
    }

    /// A failure: `{"outcome":"failure","reason":…,"code":"NOT_FOUND"}` with the mapped status.
    static func error(_ code: StatusCode, _ message: String, accept: String?, status: HTTPResponse.Status? = nil) -> Response {
        var headers: HTTPFields = [:]
        if code == .unauthenticated { headers[.wwwAuthenticate] = "Bearer realm=\"convd\", Basic realm=\"convd\"" }
        let doc = ReplyDocument.object([("outcome", .text("failure")), ("reason", .text(message)), ("code", .text(code.name))])
        return document(doc, root: "result", status: status ?? HTTPStatusMapping.status(for: code), accept: accept, headers: headers)
    }

    /// LeadConduit's verdict on a convd outcome: success when the feedback counts (a conversion
    /// created, updated, incremented or adjusted; a return recorded), failure when it was received
    /// but counts for nothing (a duplicate, a stale update, a rule's refusal).
    static func verdict(_ outcome: Convd_V1_Outcome) -> String {
        switch outcome {
        case .created, .updated, .incremented, .returnRecorded, .adjusted: "success"
        default: "failure"
        }
    }

    /// A delivered lead as the reply's `lead`.
    static func lead(_ d: Convd_V1_Delivery) -> ReplyDocument {
        .object([("event_id", .text(d.eventID)), ("recipient_id", .text(d.recipientID)), ("source_id", .text(d.sourceID)),
                 ("click_id", .text(d.clickID)), ("delivered_at", .text(ISOTime.string(ms: d.deliveredAtMs))), ("fields", .map(d.lead))])
    }

    /// A conversion as the reply's `conversion`.
    static func conversion(_ c: Convd_V1_Conversion) -> ReplyDocument {
        func money(_ m: Convd_V1_Money) -> ReplyDocument { .text(MoneyText.decimal(m)) }
        return .object([("id", .text(c.id)), ("conversion_type", .text(c.conversionType)), ("status", .text(StatusName.name(c.status))),
                        ("amount", money(c.amount)), ("approved_amount", money(c.approvedAmount)), ("pending_amount", money(c.pendingAmount)),
                        ("currency", .text(c.amount.currency)), ("transaction_id", .text(c.transactionID)),
                        ("version", .number(Int64(c.version)))])
    }
}
