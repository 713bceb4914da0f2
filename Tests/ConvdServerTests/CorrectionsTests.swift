import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// Transaction IDs, statuses, adjustments, late updates, return policies and tracker postbacks.
struct CorrectionsTests {
    static func sale(_ event: String, _ type: String, _ minor: Int64, tx: String = "", status: Convd_V1_ConversionStatus = .unspecified,
                     occurredAtMs: Int64 = 0) -> Convd_V1_FeedbackReport {
        var f = Fixtures.conversion(event, type, minor, occurredAtMs: occurredAtMs)
        f.transactionID = tx
        f.status = status
        return f
    }

    @Test func theSamePurchaseCountsOnceWhateverTheIdempotencyKey() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let a = try await c.recordFeedback(Self.sale("E1", "WonClient", 1000, tx: "INV-1"), idempotencyKey: "k1")
            let b = try await c.recordFeedback(Self.sale("E1", "WonClient", 1000, tx: "INV-1"), idempotencyKey: "k2")
            #expect(a.outcome == .created)
            #expect(b.outcome == .duplicateIgnored)
            #expect(b.detail == "transaction INV-1 already counted in conversion \(a.conversion.id)")
            let d = try await c.recordFeedback(Self.sale("E1", "WonClient", 500, tx: "INV-2"))
            #expect(d.outcome == .incremented)
            #expect(try await c.conversion(id: a.conversion.id).amount.amountMinor == 1500)
            // Under CREATE_NEW too.
            #expect(try await c.recordFeedback(Self.sale("E1", "Lead", 1, tx: "ORD-9")).outcome == .created)
            #expect(try await c.recordFeedback(Self.sale("E1", "Lead", 1, tx: "ORD-9")).outcome == .duplicateIgnored)
            var byEvent = Convd_V1_ConversionFilter()
            byEvent.conversionType = "Lead"
            #expect(try await c.conversions(filter: byEvent).count == 1)
            await c.close()
        }
    }

    @Test func sixteenConnectionsRacingOneTransactionIncrementOnce() async throws {
        try await TestServer().run { server in
            let admin = try await server.client()
            try await Fixtures.seed(admin, events: ["E1"])
            _ = try await admin.recordFeedback(Self.sale("E1", "WonClient", 100, tx: "INV-0"))
            let outcomes = Collected<Convd_V1_Outcome>()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        let c = try await server.client()
                        outcomes.append(try await c.recordFeedback(Self.sale("E1", "WonClient", 700, tx: "INV-RACE")).outcome)
                        await c.close()
                    }
                }
                try await group.waitForAll()
            }
            #expect(outcomes.values.filter { $0 == .incremented }.count == 1)
            #expect(outcomes.values.filter { $0 == .duplicateIgnored }.count == 15)
            let all = try await admin.conversions()
            #expect(all.count == 1 && all[0].amount.amountMinor == 800 && all[0].postbackCount == 2)
            await admin.close()
        }
    }

    @Test func statusMovesAndThePendingApprovedSplit() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1", "E2", "E3"])
            let p = try await c.recordFeedback(Self.sale("E1", "QualifiedLead", 1000, status: .pending))
            _ = try await c.recordFeedback(Self.sale("E2", "WonClient", 300, status: .pending))
            _ = try await c.recordFeedback(Self.sale("E3", "WonClient", 4000))
            #expect(p.conversion.status == .pending)
            var stats = try await c.stats()[0]
            #expect(stats.pendingValue.map(\.amountMinor) == [1300])
            #expect(stats.approvedValue.map(\.amountMinor) == [4000])
            #expect(stats.pendingConversions == 2 && stats.conversions == 3)

            var approve = Convd_V1_AdjustRequest()
            approve.conversionID = p.conversion.id
            approve.kind = .approve
            #expect(try await c.adjust(approve).conversion.status == .approved)
            stats = try await c.stats()[0]
            #expect(stats.pendingValue.map(\.amountMinor) == [300] && stats.approvedValue.map(\.amountMinor) == [5000])
            // APPROVED -> PENDING through feedback is a downgrade.
            await #expect(throws: StatusError(.failedPrecondition, "conversion \(p.conversion.id) cannot move from APPROVED to PENDING")) {
                _ = try await c.recordFeedback(Self.sale("E1", "QualifiedLead", 1000, status: .pending))
            }
            var reject = approve
            reject.kind = .reject
            #expect(try await c.adjust(reject).conversion.status == .rejected)
            await #expect(throws: StatusError(.failedPrecondition, "conversion \(p.conversion.id) cannot move from REJECTED to APPROVED")) {
                _ = try await c.adjust(approve)
            }
            // The split equals a recount of the conversions' final states.
            let all = try await c.conversions()
            stats = try await c.stats()[0]
            let pending = all.filter { $0.status == .pending }.map(\.amount.amountMinor).reduce(0, +)
            let approved = all.filter { $0.status == .approved }.map(\.amount.amountMinor).reduce(0, +)
            #expect(stats.pendingValue.map(\.amountMinor) == [pending] && stats.approvedValue.map(\.amountMinor) == [approved])
            #expect(stats.rejectedConversions == 1 && stats.conversions == 2)
            var onlyPending = Convd_V1_ConversionFilter()
            onlyPending.statuses = [.pending]
            #expect(try await c.conversions(filter: onlyPending).map(\.eventID) == ["E2"])
            // By key, and idempotent: the same key answers the same and approves once.
            var byKey = Convd_V1_AdjustRequest()
            var key = Convd_V1_ConversionKey()
            key.recipientID = "crm-1"
            key.conversionType = "wonclient"
            key.attributionID = "E2"
            byKey.key = key
            byKey.kind = .approve
            let once = try await c.adjust(byKey, idempotencyKey: "approve-E2")
            let again = try await c.adjust(byKey, idempotencyKey: "approve-E2")
            #expect(once == again && once.conversion.status == .approved && once.conversion.version == 2)
            key.attributionID = "nope"
            byKey.key = key
            await #expect(throws: StatusError(.notFound, "no conversion for key (crm-1, wonclient, nope)")) { _ = try await c.adjust(byKey) }
            await c.close()
        }
    }

    @Test func restateThenRetractKeepsThreeVersionsAndForwardsBothInOrder() async throws {
        let http = TestHTTPServer { _, _ in .status(200) }
        let base = try await http.start()
        try await TestServer().run { server in
            let c = try await server.client()
            _ = try await c.putRecipient(Fixtures.recipient("crm-1"))
            _ = try await c.putSource(ForwardingTests.source("v-1", url: base, mapping: ["st": "{status}", "amt": "{amount}", "out": "{outcome}"]))
            _ = try await c.recordDelivery(Fixtures.delivery("E1"))
            let sale = try await c.recordFeedback(Self.sale("E1", "WonClient", 10_000, tx: "INV-7"))
            var restate = Convd_V1_AdjustRequest()
            var t = Convd_V1_TransactionRef()
            t.recipientID = "crm-1"
            t.transactionID = "INV-7"
            restate.transaction = t
            restate.kind = .restate
            restate.amount.amountMinor = 7_500
            restate.amount.currency = "EUR"
            restate.reason = "partial refund"
            #expect(try await c.adjust(restate).conversion.amount.amountMinor == 7_500)
            restate.amount.currency = "USD"
            await #expect(throws: StatusError.self) { _ = try await c.adjust(restate) }
            _ = try await c.retract(conversionID: sale.conversion.id, reason: "charge-back")
            let got = try await c.conversion(id: sale.conversion.id)
            #expect(got.version == 3 && got.status == .retracted)
            #expect(got.history.map(\.amount.amountMinor) == [10_000, 7_500])
            #expect(got.history.map(\.cause) == [.created, .adjusted])
            let stats = try await c.stats()[0]
            #expect(stats.conversions == 0 && stats.retractedConversions == 1 && stats.approvedValue.isEmpty)
            try await eventually { http.received.count == 3 }
            #expect(http.received.map(\.body) == [
                #"{"amt":"100.00","out":"CREATED","st":"APPROVED"}"#, #"{"amt":"75.00","out":"ADJUSTED","st":"APPROVED"}"#,
                #"{"amt":"75.00","out":"ADJUSTED","st":"RETRACTED"}"#,
            ])
            await c.close()
        }
        await http.stop()
    }

    @Test func anOlderUpdateIsStaleAndANewerOneUpdates() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let t0: Int64 = 1_795_000_000_000
            let first = try await c.recordFeedback(Self.sale("E1", "QualifiedLead", 100, occurredAtMs: t0))
            let stale = try await c.recordFeedback(Self.sale("E1", "QualifiedLead", 999, occurredAtMs: t0 - 60_000))
            #expect(stale.outcome == .staleIgnored)
            #expect(try await c.conversion(id: first.conversion.id).amount.amountMinor == 100)
            let newer = try await c.recordFeedback(Self.sale("E1", "QualifiedLead", 200, occurredAtMs: t0 + 60_000))
            #expect(newer.outcome == .updated && newer.conversion.amount.amountMinor == 200 && newer.conversion.version == 2)
            var staleEvents = Convd_V1_ListEventsRequest()
            staleEvents.filter.outcomes = [.staleIgnored]
            #expect(try await c.listEvents(staleEvents).events.count == 1)
            await c.close()
        }
    }

    @Test func returnReasonsAndTheMonthlyCapWithAnInjectedClock() async throws {
        let nov = ISOTimeParse.ms("2026-11-20T12:00:00Z"), dec = ISOTimeParse.ms("2026-12-01T00:00:00Z")
        let clock = ManualClock(ms: nov)
        try await TestServer(clock: clock).run { server in
            let c = try await server.client()
            _ = try await c.putRecipient(Fixtures.recipient("crm-1") { $0.allowedReturnReasons = ["Wrong number", "Duplicate"] })
            var s = Fixtures.source("v-1")
            s.returnCap.maxCount = 2
            _ = try await c.putSource(s)
            for i in 1...4 { _ = try await c.recordDelivery(Fixtures.delivery("E\(i)")) }
            do {
                _ = try await c.recordFeedback(Fixtures.returned("E1", reason: "Changed my mind"))
                Issue.record("expected INVALID_ARGUMENT")
            } catch let e as StatusError {
                #expect(e.code == .invalidArgument)
                #expect(e.message.hasSuffix("allowed: Wrong number, Duplicate"))
            }
            #expect(try await c.recordFeedback(Fixtures.returned("E1", reason: "duplicate")).outcome == .returnRecorded)
            #expect(try await c.recordFeedback(Fixtures.returned("E2")).outcome == .returnRecorded)
            await #expect(throws: StatusError(.failedPrecondition, "source v-1's monthly return cap of 2 is reached (2 returns in 2026-11)")) {
                _ = try await c.recordFeedback(Fixtures.returned("E3"))
            }
            clock.set(ms: dec)  // a new month: the cap starts again
            #expect(try await c.recordFeedback(Fixtures.returned("E3")).outcome == .returnRecorded)

            // A share cap: 25% of this month's deliveries.
            s.returnCap.maxShareBps = 2_500
            _ = try await c.putSource(s)
            for i in 5...8 { _ = try await c.recordDelivery(Fixtures.delivery("E\(i)")) }  // 4 deliveries in December: 1 return allowed
            await #expect(throws: StatusError(.failedPrecondition,
                                              "source v-1's monthly return cap of 25.00% of 4 deliveries (1 returns) is reached (1 returns in 2026-12)")) {
                _ = try await c.recordFeedback(Fixtures.returned("E5"))
            }
            await c.close()
        }
    }

    @Test func aTwoHundredWhoseBodyFailsTheSuccessCheckIsRetriedAndLogged() async throws {
        let http = TestHTTPServer { _, n in n == 0 ? .status(200, body: "status=0 error=bad campaign") : .status(200, body: "status=1") }
        let base = try await http.start()
        try await TestServer().run { server in
            let c = try await server.client()
            _ = try await c.putRecipient(Fixtures.recipient("crm-1"))
            _ = try await c.putSource(ForwardingTests.source("v-1", url: base + "/pb?cid={click_id}&sum={amount}&txid={transaction_id}",
                                                             format: .get, successContains: "status=1"))
            _ = try await c.recordDelivery(Fixtures.delivery("E1", click: "gclid/ä b"))
            _ = try await c.recordFeedback(Self.sale("E1", "WonClient", 12_345, tx: "A&B=1"))
            try await eventually { try await ForwardingTests.forwards(c).first?.state == .sent }
            let item = try #require(try await ForwardingTests.forwards(c).first)
            #expect(item.attemptLog.map(\.statusCode) == [200, 200])
            #expect(item.attemptLog[0].error == #"HTTP 200 but the body lacks "status=1""#)
            #expect(item.attemptLog[0].bodyPrefix == "status=0 error=bad campaign")
            #expect(http.received.first?.uri == "/pb?cid=gclid%2F%C3%A4%20b&sum=123.45&txid=A%26B%3D1")
            await c.close()
        }
        await http.stop()
    }
}

/// Parses the ISO 8601 times the tests write.
enum ISOTimeParse {
    static func ms(_ text: String) -> Int64 {
        let f = ISO8601DateFormatter()
        return Int64(f.date(from: text)!.timeIntervalSince1970 * 1000)
    }
}
