import ConvdProto
import ConvdWire
import Foundation
import NIOCore
import NIOEmbedded
import SwiftProtobuf
import Testing

/// The golden wire vectors in proto/vectors, shared with the C and Python clients: requests built
/// here must frame to those bytes exactly; replies must decode to the listed values.
struct GoldenVectorTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../proto/vectors").standardized

    static func golden(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name + ".bin")))
    }

    static func framed(_ message: some SwiftProtobuf.Message) throws -> [UInt8] {
        var b = ByteBuffer()
        try b.writeFrame(message)
        return Array(b.readableBytesView)
    }

    static func request(_ id: UInt64, _ method: String, _ payload: (some SwiftProtobuf.Message)?) throws -> Convd_V1_Request {
        var r = Convd_V1_Request()
        r.callID = id
        r.method = method
        if let payload { r.payload = try payload.serializedData() }
        return r
    }

    static func requests() throws -> [(String, Convd_V1_Request)] {
        var out: [(String, Convd_V1_Request)] = []
        out.append(("health", try request(1, "/convd.v1.System/Health", Optional<Convd_V1_HealthRequest>.none)))

        var rec = Convd_V1_PutRecipientRequest()
        rec.recipient.id = "crm-1"
        rec.recipient.name = "CRM One"
        rec.recipient.labels = ["team": "sales"]
        var f = Convd_V1_FeedbackSettings()
        f.receiveConversions = true
        f.receiveReturns = true
        f.returnWindowDays = 30
        var won = Convd_V1_ConversionTypeSetting()
        won.name = "WonClient"
        won.mode = .increment
        var fake = Convd_V1_ConversionTypeSetting()
        fake.name = "FakeLead"
        fake.mode = .ignoreDuplicates
        fake.duplicateWindowSeconds = 3600
        f.conversionTypes = [won, fake]
        f.defaultMode = .createNew
        f.rules.match = .any
        var rule = Convd_V1_Rule()
        rule.field = "feedback.reason"
        rule.op = .in
        rule.values = ["Sale Completed", "Appointment Scheduled"]
        var n1 = Convd_V1_RuleNode()
        n1.rule = rule
        var n2 = Convd_V1_RuleNode()
        n2.set = Convd_V1_RuleSet()
        f.rules.nodes = [n1, n2]
        f.allowedReturnReasons = ["Duplicate"]
        rec.recipient.feedback = f
        var put = try request(2, "/convd.v1.Recipients/Put", rec)
        put.timeoutMs = 5000
        out.append(("put_recipient", put))

        var d = Convd_V1_RecordDeliveryRequest()
        d.delivery.recipientID = "crm-1"
        d.delivery.sourceID = "vendor-1"
        d.delivery.clickID = "gclid-abc"
        d.delivery.lead = ["email": "a@example.com"]
        d.delivery.test = true
        d.delivery.deliveredAtMs = 1_795_407_421_626
        out.append(("record_delivery", try request(3, "/convd.v1.Deliveries/Record", d)))

        var fb = Convd_V1_RecordFeedbackRequest()
        var click = Convd_V1_ClickRef()
        click.clickID = "gclid-abc"
        click.recipientID = "crm-1"
        fb.feedback.click = click
        fb.feedback.kind = .conversion
        fb.feedback.conversionType = "WonClient"
        fb.feedback.amount.amountMinor = 100_000
        fb.feedback.amount.currency = "EUR"
        fb.feedback.fields = ["plan": "pro"]
        fb.feedback.transactionID = "INV-2026-0001"
        fb.feedback.status = .pending
        fb.feedback.occurredAtMs = 1_795_407_000_000
        var rf = try request(4, "/convd.v1.Feedback/Record", fb)
        rf.idempotencyKey = "crm-req-0001"
        out.append(("record_feedback_by_click", rf))

        var ret = Convd_V1_RecordFeedbackRequest()
        ret.feedback.eventID = "01M83AXMTHNSQR1M1JA1QX0RYM"
        ret.feedback.kind = .return
        ret.feedback.reason = "Doppelt – Rückgabe €"
        out.append(("record_return_by_event", try request(5, "/convd.v1.Feedback/Record", ret)))

        var adj = Convd_V1_AdjustRequest()
        var tx = Convd_V1_TransactionRef()
        tx.recipientID = "crm-1"
        tx.transactionID = "INV-2026-0001"
        adj.transaction = tx
        adj.kind = .restate
        adj.amount.amountMinor = Int64.min
        adj.amount.currency = "EUR"
        out.append(("adjust_extreme_amount", try request(6, "/convd.v1.Feedback/Adjust", adj)))

        var lst = Convd_V1_ListConversionsRequest()
        lst.filter.statuses = [.pending, .approved]
        lst.filter.toMs = Int64.max
        lst.filter.includeTest = true
        lst.pageSize = 1000
        lst.pageToken = "123"
        var lr = try request(UInt64.max, "/convd.v1.Conversions/List", lst)
        lr.timeoutMs = UInt32.max
        out.append(("list_conversions_maximal", lr))

        var cancel = Convd_V1_Request()
        cancel.callID = 7
        cancel.cancel = true
        out.append(("cancel", cancel))

        var readiness = Convd_V1_HealthRequest()
        readiness.readiness = true
        out.append(("health_readiness", try request(10, "/convd.v1.System/Health", readiness)))
        return out
    }

    @Test func everyRequestFramesToTheGoldenBytes() throws {
        let built = try Self.requests()
        #expect(built.count == 9)
        for (name, message) in built {
            #expect(try Self.framed(message) == Self.golden(name), "\(name)")
        }
    }

    /// Decodes a golden reply through the real frame decoder.
    static func reply(_ name: String) throws -> Convd_V1_Response {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder()))
        try channel.writeInbound(ByteBuffer(bytes: try golden(name)))
        let frame = try #require(try channel.readInbound(as: ByteBuffer.self))
        return try Convd_V1_Response(serializedBytes: Array(frame.readableBytesView))
    }

    @Test func repliesDecodeToTheirValues() throws {
        let ok = try Self.reply("feedback_incremented")
        #expect(ok.callID == 4 && Status(proto: ok.status).code == .ok && !ok.more)
        let result = try Convd_V1_RecordFeedbackResponse(serializedBytes: ok.payload).result
        #expect(result.outcome == .incremented)
        #expect(result.eventSeq == 2)
        #expect(result.conversion.amount.amountMinor == 300_000 && result.conversion.amount.currency == "EUR")
        #expect(result.conversion.fields == ["plan": "pro", "seats": "12"])
        #expect(result.conversion.history.map(\.actor) == ["uid:1000 role:recorder"])

        let bad = try Self.reply("invalid_argument")
        #expect(Status(proto: bad.status).code == .invalidArgument)
        #expect(bad.status.violations.map(\.field) == ["recipient.id"])
        #expect(bad.payload.isEmpty)

        let part = try Self.reply("stream_part")
        #expect(part.more && part.callID == 9)
        let event = try Convd_V1_WatchEventsResponse(serializedBytes: part.payload).event
        #expect(event.seq == 5 && event.outcome == .rejected && event.recipientID == "crm-1")

        let metrics = try Self.reply("metrics_text")
        #expect(metrics.callID == 11 && metrics.status.code == 0 && !metrics.more)
        #expect(try Convd_V1_MetricsResponse(serializedBytes: metrics.payload).text
            == "# TYPE convd_calls_total counter\nconvd_calls_total{method=\"/convd.v1.System/Health\",code=\"OK\"} 3\n")

        let conn = try Self.reply("connection_error")
        #expect(conn.callID == 0)
        #expect(Status(proto: conn.status) == Status(.resourceExhausted, "frame of 4194305 bytes exceeds the maximum of 4194304 bytes"))
    }
}
