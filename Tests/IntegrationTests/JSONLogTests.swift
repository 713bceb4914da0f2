import ConvdClient
import ConvdProto
import ConvdTestSupport
import Foundation
import Testing

/// `convd --log-format json`: every log line is one JSON object; a call's lines carry who made it;
/// forwards that keep failing or give up are warnings; no secret or lead value is ever written.
struct JSONLogTests {
    @Test func linesAreJSONCarryTheCallerAndNeverASecret() async throws {
        let http = TestHTTPServer { received, n in
            if received.body.contains("E1") { return .status(400, body: "bad lead") }
            return n < 6 ? .status(503) : .status(200)  // E2: five failures, then accepted
        }
        let base = try await http.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: [
            "--data-dir", dir.path, "--log-format", "json", "--log-level", "debug", "--forward-backoff-ms", "1",
        ])
        let c = try await ConvdClient.connect(socketPath: dir.file("convd.sock"), localDeadlineGrace: .seconds(120))
        try await BackupRestoreTests.seed(c)
        var s = Convd_V1_Source()
        s.id = "v-1"
        s.forwarding.url = base + "/pb?api_key=URLSECRET123"
        s.forwarding.headers = ["X-Api-Key": "HEADERSECRET456"]
        s.forwarding.fieldMapping = ["e": "{event_id}", "mail": "{lead.email}"]
        s.forwarding.conversions = true
        s.forwarding.maxAttempts = 10
        _ = try await c.putSource(s)
        for e in ["E1", "E2"] {
            var d = Convd_V1_Delivery()
            d.eventID = e
            d.recipientID = "crm-1"
            d.sourceID = "v-1"
            d.lead = ["email": "private.person@example.com"]
            _ = try await c.recordDelivery(d)
            var f = Convd_V1_FeedbackReport()
            f.eventID = e
            f.kind = .conversion
            f.conversionType = "Sale"
            _ = try await c.recordFeedback(f)
        }
        try await eventually { http.received.count >= 7 }
        try await eventually { daemon.output.contains("forward still failing") && daemon.output.contains("DEAD") }
        await c.close()
        #expect(try await daemon.stop() == 0)
        await http.stop()

        let lines = daemon.output.split(separator: "\n").filter { $0.hasPrefix("{") }
        var objects: [[String: String]] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(object["ts"] is String && object["level"] is String && object["msg"] is String, "\(line)")
            objects.append(object.compactMapValues { $0 as? String })
        }
        #expect(lines.count >= 5)
        let put = try #require(objects.first { $0["msg"] == "source put" })
        #expect(put["method"] == "/convd.v1.Sources/Put" && put["peer_uid"] == "\(getuid())" && put["role"] == "admin" && put["call_id"] != nil)
        let dead = try #require(objects.first { $0["msg"]?.contains("DEAD") == true })
        #expect(dead["level"] == "warning" && dead["source"] == "v-1" && dead["status"] == "400" && dead["attempts"] == "1")
        let failing = try #require(objects.first { $0["msg"] == "forward still failing; retrying" })
        #expect(failing["level"] == "warning" && failing["attempts"] == "5" && failing["status"] == "503")
        for secret in ["URLSECRET123", "HEADERSECRET456", "private.person"] {
            #expect(!daemon.output.contains(secret), "\(secret) was logged")
        }
    }
}
