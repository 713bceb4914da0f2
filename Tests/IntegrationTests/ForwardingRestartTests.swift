import ConvdClient
import ConvdProto
import ConvdTestSupport
import Foundation
import Testing

/// A forward acknowledged but not yet sent survives kill -9 of the real daemon.
@Suite(.serialized)
struct ForwardingRestartTests {
    @Test func afterSIGKILLTheSourceStillReceivesTheAcknowledgedFeedback() async throws {
        // The source hangs on the first request (the daemon is killed while it is in flight),
        // then answers normally.
        let http = TestHTTPServer { _, n in n == 0 ? .hang : .status(200) }
        let base = try await http.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let args = ["--data-dir", dir.path, "--log-level", "warning", "--forward-backoff-ms", "100"]
        var daemon = try await DaemonProcess.start(arguments: args)
        var client = try await ConvdClient.connect(socketPath: dir.file("convd.sock"))
        var r = Convd_V1_Recipient()
        r.id = "crm-1"
        _ = try await client.putRecipient(r)
        var s = Convd_V1_Source()
        s.id = "v-1"
        s.forwarding.url = base + "/pb"
        s.forwarding.conversions = true
        s.forwarding.timeoutMs = 60_000
        _ = try await client.putSource(s)
        var d = Convd_V1_Delivery()
        d.eventID = "E1"
        d.recipientID = "crm-1"
        d.sourceID = "v-1"
        _ = try await client.recordDelivery(d)
        var f = Convd_V1_FeedbackReport()
        f.eventID = "E1"
        f.kind = .conversion
        f.conversionType = "WonClient"
        f.amount.amountMinor = 100_000
        f.amount.currency = "EUR"
        let result = try await client.recordFeedback(f)  // acknowledged: committed with its outbox item
        #expect(result.outcome == .created)
        try await eventually { !http.received.isEmpty }
        #expect(http.received.count == 1)  // in flight, hanging
        await client.close()
        try await daemon.stop(signal: SIGKILL)

        daemon = try await DaemonProcess.start(arguments: args)
        try await eventually { http.received.count >= 2 }
        #expect(http.received.count == 2)
        #expect(http.received[0].headers["idempotency-key"] == http.received[1].headers["idempotency-key"])
        #expect(http.received[1].body.contains(#""amount":"1000.00""#))
        client = try await ConvdClient.connect(socketPath: dir.file("convd.sock"))
        var list = Convd_V1_ListForwardsRequest()
        list.state = .sent
        try await eventually {
            try await client.call(Methods.listForwards, list, returning: Convd_V1_ListForwardsResponse.self).items.count == 1
        }
        #expect(try await client.call(Methods.listForwards, list, returning: Convd_V1_ListForwardsResponse.self).items.count == 1)
        await client.close()
        try await daemon.stop()
        await http.stop()
    }
}
