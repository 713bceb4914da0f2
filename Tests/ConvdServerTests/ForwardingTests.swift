import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import ConvdCore
import Foundation
import Synchronization
import Testing

/// Forwarding through the durable outbox to a real HTTP server on 127.0.0.1.
struct ForwardingTests {
    static func source(_ id: String, url: String, format: Convd_V1_ForwardFormat = .json, mapping: [String: String] = [:],
                       maxAttempts: UInt32 = 0, timeoutMs: UInt32 = 0, kinds: (Bool, Bool, Bool) = (true, true, true),
                       successContains: String = "") -> Convd_V1_Source {
        var s = Convd_V1_Source()
        s.id = id
        var f = Convd_V1_ForwardingSettings()
        f.url = url
        f.format = format
        f.fieldMapping = mapping
        f.headers = ["X-Api-Key": "secret-1"]
        f.maxAttempts = maxAttempts
        f.timeoutMs = timeoutMs
        (f.conversions, f.returns, f.adjustments) = kinds
        f.successBodyContains = successContains
        s.forwarding = f
        return s
    }

    static func forwards(_ c: ConvdClient, source: String = "") async throws -> [Convd_V1_OutboxItem] {
        var r = Convd_V1_ListForwardsRequest()
        r.sourceID = source
        r.includeAttempts = true
        return try await c.call(Methods.listForwards, r, returning: Convd_V1_ListForwardsResponse.self).items
    }

    static let mapping = ["cid": "{click_id}", "why": "{reason}", "payout": "{amount}", "cur": "{currency}", "mail": "{lead.email}"]

    /// crm-1, a source with forwarding, a delivery E1 (click "ck <1>&") from it.
    static func seed(_ c: ConvdClient, _ source: Convd_V1_Source) async throws {
        _ = try await c.putRecipient(Fixtures.recipient("crm-1"))
        _ = try await c.putSource(source)
        var d = Fixtures.delivery("E1", source: source.id, click: "ck <1>&")
        d.lead = ["email": "zoë@example.com"]
        _ = try await c.recordDelivery(d)
    }

    @Test(arguments: [
        (Convd_V1_ForwardFormat.json, "application/json",
         #"{"cid":"ck <1>&","cur":"EUR","mail":"zoë@example.com","payout":"1000.00","why":"\"Won\" <big> & café"}"#),
        (.xml, "application/xml; charset=utf-8",
         #"<?xml version="1.0" encoding="UTF-8"?><feedback><cid>ck &lt;1&gt;&amp;</cid><cur>EUR</cur><mail>zoë@example.com</mail>"#
            + "<payout>1000.00</payout><why>&quot;Won&quot; &lt;big&gt; &amp; café</why></feedback>"),
        (.form, "application/x-www-form-urlencoded",
         "cid=ck+%3C1%3E%26&cur=EUR&mail=zo%C3%AB%40example.com&payout=1000.00&why=%22Won%22+%3Cbig%3E+%26+caf%C3%A9"),
    ])
    func bodiesAreExactlyAsMappedWithEscaping(format: Convd_V1_ForwardFormat, contentType: String, body: String) async throws {
        let http = TestHTTPServer { _, _ in .status(200, body: "ok") }
        let base = try await http.start()
        try await TestServer().run { server in
            let c = try await server.client()
            try await Self.seed(c, Self.source("v-1", url: base + "/pb", format: format, mapping: Self.mapping))
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100_000, reason: #""Won" <big> & café"#))
            try await eventually { http.received.count == 1 }
            let got = try #require(http.received.first)
            #expect(got.method == "POST" && got.uri == "/pb")
            #expect(got.body == body)
            #expect(got.headers["content-type"] == contentType)
            #expect(got.headers["x-api-key"] == "secret-1")
            #expect(got.headers["user-agent"] == "convd/test")
            #expect(got.headers["idempotency-key"]?.hasPrefix("convd-") == true)
            try await eventually { try await Self.forwards(c).first?.state == .sent }
            #expect(try await Self.forwards(c).first?.attempts == 1)
            await c.close()
        }
        await http.stop()
    }

    @Test func fiveHundredTwiceThenOKIsThreeAttemptsWithOneIdempotencyKey() async throws {
        let http = TestHTTPServer { _, n in n < 2 ? .status(500, body: "oops \(n)") : .status(200) }
        let base = try await http.start()
        try await TestServer().run { server in
            let c = try await server.client()
            try await Self.seed(c, Self.source("v-1", url: base))
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100))
            try await eventually { try await Self.forwards(c).first?.state == .sent }
            let item = try #require(try await Self.forwards(c).first)
            #expect(item.state == .sent && item.attempts == 3 && item.lastStatusCode == 200)
            #expect(item.attemptLog.map(\.statusCode) == [500, 500, 200])
            #expect(item.attemptLog.map(\.bodyPrefix) == ["oops 0", "oops 1", ""])
            #expect(http.received.count == 3)
            #expect(Set(http.received.map { $0.headers["idempotency-key"] ?? "" }) == [item.idempotencyKey])
            await c.close()
        }
        await http.stop()
    }

    @Test func anEndpointThatNeverSucceedsEndsDeadAndRetrySendsItAgain() async throws {
        let healthy = Collected<Bool>()
        let http = TestHTTPServer { _, _ in healthy.count > 0 ? .status(204) : .status(503, body: "down") }
        let base = try await http.start()
        try await TestServer().run { server in
            let c = try await server.client()
            try await Self.seed(c, Self.source("v-1", url: base, maxAttempts: 3))
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100))
            try await eventually { try await Self.forwards(c).first?.state == .dead }
            let dead = try #require(try await Self.forwards(c).first)
            #expect(dead.state == .dead && dead.attempts == 3)
            #expect(dead.lastError == "HTTP 503; gave up after 3 attempts")
            #expect(http.received.count == 3)

            healthy.append(true)
            var retry = Convd_V1_RetryForwardsRequest()
            retry.sourceID = "v-1"
            let r = try await c.call(Methods.retryForwards, retry, returning: Convd_V1_RetryForwardsResponse.self)
            #expect(r.retried == 1)
            try await eventually { try await Self.forwards(c).first?.state == .sent }
            #expect(try await Self.forwards(c).first?.state == .sent)
            #expect(http.received.count == 4)
            var one = Convd_V1_RetryForwardsRequest()
            one.itemID = dead.id
            await #expect(throws: StatusError(.failedPrecondition, "forward \(dead.id) is SENT, only DEAD forwards are retried")) {
                _ = try await c.call(Methods.retryForwards, one, returning: Convd_V1_RetryForwardsResponse.self)
            }
            await c.close()
        }
        await http.stop()
    }

    @Test func aHangingEndpointTimesOutWhileOtherSourcesAreServed() async throws {
        let slow = TestHTTPServer { _, _ in .hang }
        let fast = TestHTTPServer { _, _ in .status(200) }
        let slowURL = try await slow.start(), fastURL = try await fast.start()
        try await TestServer().run { server in
            let c = try await server.client()
            try await Self.seed(c, Self.source("v-slow", url: slowURL, maxAttempts: 2, timeoutMs: 300))
            _ = try await c.putSource(Self.source("v-fast", url: fastURL))
            _ = try await c.recordDelivery(Fixtures.delivery("E2", source: "v-fast"))
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100))
            _ = try await c.recordFeedback(Fixtures.conversion("E2", "WonClient", 100))
            try await eventually { fast.received.count == 1 }
            #expect(fast.received.count == 1)  // served while the slow one hangs
            try await eventually { try await Self.forwards(c, source: "v-slow").first?.state == .dead }
            let item = try #require(try await Self.forwards(c, source: "v-slow").first)
            #expect(item.state == .dead)
            #expect(item.attemptLog.map(\.statusCode) == [0, 0])
            #expect(item.attemptLog.allSatisfy { $0.error == "timed out" && $0.durationMs >= 250 })
            await c.close()
        }
        await slow.stop()
        await fast.stop()
    }

    @Test func onlyAcceptedFeedbackIsForwardedInOrderAndOnlyToSourcesThatWantIt() async throws {
        let http = TestHTTPServer { _, _ in .status(200) }
        let base = try await http.start()
        try await TestServer().run { server in
            let c = try await server.client()
            try await Self.seed(c, Self.source("v-1", url: base, mapping: ["out": "{outcome}", "amt": "{amount_minor}", "tot": "{total_amount}"],
                                               kinds: (true, false, true)))
            _ = try await c.putSource(Fixtures.source("v-quiet"))  // no forwarding
            _ = try await c.recordDelivery(Fixtures.delivery("Q1", source: "v-quiet"))
            _ = try await c.putRecipient(Fixtures.recipient("crm-1", allOf: [Fixtures.rule("feedback.reason", .notEquals, ["spam"])]))
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100))            // CREATED: sent
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 250))            // INCREMENTED: sent, after
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "FakeLead"))                  // CREATED: sent
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "FakeLead"))                  // DUPLICATE_IGNORED: never
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "Lead", reason: "spam"))      // REJECTED: never
            _ = try await c.recordFeedback(Fixtures.returned("E1"))                                // returns not wanted
            _ = try await c.recordFeedback(Fixtures.conversion("Q1", "WonClient", 100))            // source without forwarding
            // The outbox is the record of what will ever be sent: once it holds three items, each
            // sent on its first attempt, no fourth request can arrive, and no time has to pass to know it.
            try await eventually {
                let items = try await Self.forwards(c)
                return items.count == 3 && items.allSatisfy { $0.state == .sent }
            }
            #expect(try await Self.forwards(c).map(\.attempts) == [1, 1, 1])
            #expect(http.received.count == 3)
            let bodies = http.received.map(\.body)
            // Exactly these three; one conversion's forwards in the order accepted (other conversions may interleave).
            // An INCREMENT postback forwards its own amount (a tracker summing payouts counts it once) and the total apart.
            #expect(bodies.sorted() == [#"{"amt":"","out":"CREATED","tot":""}"#, #"{"amt":"100","out":"CREATED","tot":"1.00"}"#,
                                        #"{"amt":"250","out":"INCREMENTED","tot":"3.50"}"#])
            #expect(bodies.filter { !$0.contains(#""amt":"""#) } == [#"{"amt":"100","out":"CREATED","tot":"1.00"}"#,
                                                                      #"{"amt":"250","out":"INCREMENTED","tot":"3.50"}"#])
            await c.close()
        }
        await http.stop()
    }

    @Test func retractionsAreForwardedAsAdjustments() async throws {
        let http = TestHTTPServer { _, _ in .status(200) }
        let base = try await http.start()
        try await TestServer().run { server in
            let c = try await server.client()
            try await Self.seed(c, Self.source("v-1", url: base + "/pb?cid={click_id}&status={status}&payout={amount}", format: .get))
            let sale = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 5000))
            _ = try await c.retract(conversionID: sale.conversion.id)
            try await eventually { http.received.count == 2 }
            #expect(http.received.map(\.method) == ["GET", "GET"])
            #expect(http.received.map(\.uri) == ["/pb?cid=ck%20%3C1%3E%26&status=APPROVED&payout=50.00",
                                                 "/pb?cid=ck%20%3C1%3E%26&status=RETRACTED&payout=50.00"])
            await c.close()
        }
        await http.stop()
    }

    @Test func aNotFoundIsPermanentAndA429IsRetried() async throws {
        let http = TestHTTPServer { r, n in
            r.uri.hasPrefix("/gone") ? .status(404, body: "no such campaign") : (n < 2 ? .status(429) : .status(200, body: "OK status=1"))
        }
        let base = try await http.start()
        try await TestServer().run { server in
            let c = try await server.client()
            try await Self.seed(c, Self.source("v-1", url: base + "/gone"))
            _ = try await c.putSource(Self.source("v-2", url: base + "/busy", successContains: "status=1"))
            _ = try await c.recordDelivery(Fixtures.delivery("E2", source: "v-2"))
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 1))
            try await eventually { try await Self.forwards(c, source: "v-1").first?.state == .dead }
            let gone = try #require(try await Self.forwards(c, source: "v-1").first)
            #expect(gone.attempts == 1 && gone.lastError == "HTTP 404 is permanent")
            #expect(gone.attemptLog.first?.bodyPrefix == "no such campaign")
            _ = try await c.recordFeedback(Fixtures.conversion("E2", "WonClient", 1))
            try await eventually { try await Self.forwards(c, source: "v-2").first?.state == .sent }
            #expect(try await Self.forwards(c, source: "v-2").first?.attemptLog.map(\.statusCode) == [429, 200])
            await c.close()
        }
        await http.stop()
    }

    /// Idle means idle: with nothing pending the worker does not read the outbox at all (it used to
    /// every 250 ms); a commit wakes it, and a retry's backoff is waited out by one timer.
    @Test func anIdleWorkerDoesNotWakeAndACommitOrARetryWakesIt() async throws {
        let failures = Mutex(1)
        let http = TestHTTPServer { _, _ in
            failures.withLock { n in
                defer { n -= 1 }
                return n > 0 ? .status(503) : .status(200)
            }
        }
        let base = try await http.start()
        var forwarding = TestServer.fastForwarding
        forwarding.backoff = Backoff(baseMs: 300)
        try await TestServer(forwarding: forwarding).run { server in
            let c = try await server.client()
            try await Self.seed(c, Self.source("v-1", url: base, mapping: ["out": "{outcome}"]))
            // Quiet: the seeding commits no feedback, so after the first scan nothing reads the outbox.
            try await eventually { server.forwarder.scans >= 1 && server.forwarder.isIdle }
            let quiet = server.forwarder.scans
            // An observation window for a negative claim, not synchronisation: a polling worker
            // (every 250 ms before) scans at least twice in it, and load can only make it scan less.
            try await Task.sleep(for: .milliseconds(600))
            #expect(server.forwarder.scans == quiet, "outbox read \(server.forwarder.scans - quiet) times while idle")
            // A commit wakes it; the 503 is retried after its backoff without any periodic scan.
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "Lead"))
            try await eventually { try await Self.forwards(c).first?.state == .sent }
            let items = try await Self.forwards(c)
            #expect(items.count == 1 && items[0].attempts == 2 && http.received.count == 2)
            // Sent: the send's end wakes the worker once more to look for work; then it is idle for good.
            try await eventually { server.forwarder.isIdle }
            let after = server.forwarder.scans
            try await Task.sleep(for: .milliseconds(600))
            #expect(server.forwarder.scans == after)
            await c.close()
        }
        await http.stop()
    }

    @Test func onlyACommitThatQueuesAForwardWakesTheWorker() async throws {
        let http = TestHTTPServer { _, _ in .status(200) }
        let base = try await http.start()
        try await TestServer(forwarding: TestServer.fastForwarding).run { server in
            let c = try await server.client()
            try await Self.seed(c, Self.source("v-1", url: base))
            var quiet = Convd_V1_Source()
            quiet.id = "v-quiet"  // no forwarding settings
            _ = try await c.putSource(quiet)
            for i in 0..<20 { _ = try await c.recordDelivery(Fixtures.delivery("Q\(i)", source: "v-quiet")) }
            try await eventually { server.forwarder.scans >= 1 && server.forwarder.isIdle }
            let before = server.forwarder.scans
            // Twenty committed conversions that queue nothing: the worker reads nothing. (Before, each
            // commit woke it for two outbox reads.)
            for i in 0..<20 { _ = try await c.recordFeedback(Fixtures.conversion("Q\(i)", "Lead")) }
            try await Task.sleep(for: .milliseconds(300))  // a window for a negative claim; load only shortens what it sees
            #expect(server.forwarder.scans == before, "outbox read \(server.forwarder.scans - before) times for commits that queued nothing")
            #expect(try await Self.forwards(c).isEmpty)
            // One that queues a forward wakes it, and the item is sent.
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "Lead"))
            try await eventually { try await Self.forwards(c).first?.state == .sent }
            #expect(server.forwarder.scans > before && http.received.count == 1)
            await c.close()
        }
        await http.stop()
    }
}
