import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// DESIGN.md's feedback semantics, through the real server, store and SQLite file.
struct FeedbackFlowTests {
    @Test func seedExamplesOfTheFourModes() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1", "E2", "E3", "E4"])

            // WonClient €1,000 then €2,000 under INCREMENT: one conversion of €3,000, two postbacks.
            let w1 = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100_000))
            let w2 = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 200_000))
            #expect(w1.outcome == .created)
            #expect(w2.outcome == .incremented)
            #expect(w2.conversion.id == w1.conversion.id)
            #expect(w2.conversion.amount.amountMinor == 300_000)
            #expect(w2.conversion.postbackCount == 2)
            // Another currency is refused, never summed.
            await #expect(throws: StatusError(.failedPrecondition, "conversion \(w1.conversion.id) is in EUR; an INCREMENT in USD is never summed")) {
                _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100, "USD"))
            }
            #expect(try await c.conversion(id: w1.conversion.id).amount.amountMinor == 300_000)

            // FakeLead twice under IGNORE_DUPLICATES: one conversion and one DUPLICATE_IGNORED event.
            let f1 = try await c.recordFeedback(Fixtures.conversion("E2", "FakeLead"))
            let f2 = try await c.recordFeedback(Fixtures.conversion("E2", "FakeLead"))
            #expect(f1.outcome == .created)
            #expect(f2.outcome == .duplicateIgnored)
            #expect(f2.conversion.id == f1.conversion.id)

            // QualifiedLead updated: one conversion at version 2, the old one in history.
            let q1 = try await c.recordFeedback(Fixtures.conversion("E3", "QualifiedLead", 500, reason: "first look"))
            let q2 = try await c.recordFeedback(Fixtures.conversion("E3", "QualifiedLead", 900, reason: "qualified"))
            #expect(q2.outcome == .updated)
            let q = try await c.conversion(id: q1.conversion.id)
            #expect(q.version == 2)
            #expect(q.reason == "qualified")
            #expect(q.amount.amountMinor == 900)
            #expect(q.history.map(\.version) == [1])
            #expect(q.history[0].reason == "first look")
            #expect(q.history[0].amount.amountMinor == 500)
            #expect(q.history[0].cause == .created)
            #expect(q.history[0].actor.hasPrefix("uid:"))
            #expect(q.createdAtMs == q1.conversion.createdAtMs)

            // SalesCallScheduled twice under CREATE_NEW: two.
            let s1 = try await c.recordFeedback(Fixtures.conversion("E4", "SalesCallScheduled"))
            let s2 = try await c.recordFeedback(Fixtures.conversion("E4", "SalesCallScheduled"))
            #expect(s1.outcome == .created && s2.outcome == .created)
            #expect(s1.conversion.id != s2.conversion.id)

            var byEvent = Convd_V1_ConversionFilter()
            byEvent.eventID = "E4"
            #expect(try await c.conversions(filter: byEvent).count == 2)
            var e2 = Convd_V1_ConversionFilter()
            e2.eventID = "E2"
            #expect(try await c.conversions(filter: e2).count == 1)
            var dupes = Convd_V1_ListEventsRequest()
            dupes.filter.outcomes = [.duplicateIgnored]
            #expect(try await c.listEvents(dupes).events.map(\.eventID) == ["E2"])
            await c.close()
        }
    }

    @Test func refusalsCarryTheRightCodeAndAreStillLogged() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            await #expect(throws: StatusError(.notFound, "no delivery with event ID 'nope'")) {
                _ = try await c.recordFeedback(Fixtures.conversion("nope", "Lead"))
            }
            var byClick = Fixtures.conversion("", "Lead")
            var ref = Convd_V1_ClickRef()
            ref.clickID = "ck-9"
            ref.recipientID = "crm-1"
            byClick.click = ref
            await #expect(throws: StatusError(.notFound, "no delivery with click ID 'ck-9' for recipient crm-1")) {
                _ = try await c.recordFeedback(byClick)
            }
            _ = try await c.putRecipient(Fixtures.recipient("crm-2") { $0.receiveConversions = false })
            _ = try await c.recordDelivery(Fixtures.delivery("E9", recipient: "crm-2"))
            await #expect(throws: StatusError(.failedPrecondition, "conversion feedback is not enabled for recipient crm-2")) {
                _ = try await c.recordFeedback(Fixtures.conversion("E9", "Lead"))
            }
            do {
                _ = try await c.recordFeedback(Fixtures.conversion("E1", "Lead", 100, "eur"))
                Issue.record("expected INVALID_ARGUMENT")
            } catch let e as StatusError {
                #expect(e.code == .invalidArgument)
                #expect(e.status.violations.map(\.field) == ["feedback.amount.currency"])
            }
            var failed = Convd_V1_ListEventsRequest()
            failed.filter.outcomes = [.failed]
            let events = try await c.listEvents(failed).events
            #expect(events.count == 3)  // malformed input never reaches the log; refused feedback does
            #expect(events.map(\.status.code) == [5, 5, 9])
            #expect(events[2].status.message == "conversion feedback is not enabled for recipient crm-2")
            #expect(events[2].recipientID == "crm-2")
            await c.close()
        }
    }

    @Test func aRuleSetRejectsWithTheRuleInWordsAndTheEventIsListed() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"]) { f in
                var rule = Convd_V1_Rule()
                rule.field = "feedback.reason"
                rule.op = .in
                rule.values = ["Sale Completed", "Appointment Scheduled"]
                var node = Convd_V1_RuleNode()
                node.rule = rule
                f.rules.nodes = [node]
            }
            let r = try await c.recordFeedback(Fixtures.conversion("E1", "Lead", reason: "Maybe later"))
            #expect(r.outcome == .rejected)
            #expect(r.detail == "feedback.reason is \"Maybe later\", which fails \"is included in [Sale Completed, Appointment Scheduled]\"")
            #expect(!r.hasConversion)
            #expect(try await c.conversions().isEmpty)
            var rejected = Convd_V1_ListEventsRequest()
            rejected.filter.outcomes = [.rejected]
            let events = try await c.listEvents(rejected).events
            #expect(events.count == 1)
            #expect(events[0].detail == r.detail)
            #expect(events[0].feedback.reason == "Maybe later")
            #expect(try await c.recordFeedback(Fixtures.conversion("E1", "Lead", reason: "sale completed")).outcome == .created)
            #expect(try await c.stats().first?.rejectedFeedback == 1)
            await c.close()
        }
    }

    @Test func returnsOncePerDeliveryAndOnlyWithinTheWindow() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let old = Int64(Date().timeIntervalSince1970 * 1000) - 31 * 86_400_000
            _ = try await c.recordDelivery(Fixtures.delivery("OLD", deliveredAtMs: old))
            let won = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 1000))
            #expect(try await c.recordFeedback(Fixtures.returned("E1")).outcome == .returnRecorded)
            let again = try await c.recordFeedback(Fixtures.returned("E1"))
            #expect(again.outcome == .duplicateIgnored)
            #expect(again.detail == "delivery E1 was already returned")
            await #expect(throws: StatusError(.failedPrecondition, "return for delivery OLD is past recipient crm-1's 30-day return window")) {
                _ = try await c.recordFeedback(Fixtures.returned("OLD"))
            }
            // A return does not erase the conversion; stats show both, and returns are not revenue.
            #expect(try await c.conversion(id: won.conversion.id).status == .approved)
            let stats = try await c.stats()
            #expect(stats.count == 1)
            #expect(stats[0].deliveries == 2)
            #expect(stats[0].returns == 1)
            #expect(stats[0].conversions == 1)
            #expect(stats[0].approvedValue.map(\.amountMinor) == [1000])
            await c.close()
        }
    }

    @Test func theSameIdempotencyKeyTwiceChangesNothingAndAnswersTheSame() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let first = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 1000), idempotencyKey: "crm-req-1")
            let retry = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 1000), idempotencyKey: "crm-req-1")
            #expect(retry == first)
            let other = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 1000), idempotencyKey: "crm-req-2")
            #expect(other.outcome == .incremented)
            #expect(try await c.conversion(id: first.conversion.id).amount.amountMinor == 2000)
            #expect(try await c.listEvents(.init()).events.count == 2)
            await c.close()
        }
    }

    @Test func deliveriesGetEventIDsAndRefuseDuplicatesAndUnknownOwners() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: [])
            let a = try await c.recordDelivery(Fixtures.delivery())
            let b = try await c.recordDelivery(Fixtures.delivery())
            #expect(a.eventID.count == 26 && b.eventID.count == 26 && a.eventID != b.eventID)
            #expect(a.recordedAtMs > 0 && a.deliveredAtMs > 0)
            #expect(try await c.delivery(eventID: a.eventID) == a)
            _ = try await c.recordDelivery(Fixtures.delivery("X1"))
            await #expect(throws: StatusError(.alreadyExists, "a delivery with event ID 'X1' already exists")) {
                _ = try await c.recordDelivery(Fixtures.delivery("X1"))
            }
            await #expect(throws: StatusError(.notFound, "no recipient 'crm-9'")) {
                _ = try await c.recordDelivery(Fixtures.delivery(recipient: "crm-9"))
            }
            await #expect(throws: StatusError(.notFound, "no delivery with event ID 'X2'")) { _ = try await c.delivery(eventID: "X2") }
            // A recipient with deliveries is archived, never erased: its deliveries stay readable.
            #expect(try await c.deleteRecipient(id: "crm-1"))
            #expect(try await c.delivery(eventID: "X1").recipientID == "crm-1")
            await c.close()
        }
    }

    @Test func retractKeepsHistoryAndLeavesTheStats() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1", "E2"])
            let sale = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 5000))
            _ = try await c.recordFeedback(Fixtures.conversion("E2", "WonClient", 700))
            let r = try await c.retract(conversionID: sale.conversion.id, reason: "charge-back")
            #expect(r.outcome == .adjusted)
            #expect(r.conversion.status == .retracted)
            let got = try await c.conversion(id: sale.conversion.id)
            #expect(got.version == 2)
            #expect(got.history.map(\.status) == [.approved])
            let stats = try await c.stats()
            #expect(stats[0].conversions == 1)
            #expect(stats[0].retractedConversions == 1)
            #expect(stats[0].approvedValue.map(\.amountMinor) == [700])
            await #expect(throws: StatusError(.failedPrecondition, "conversion \(sale.conversion.id) is RETRACTED and cannot change")) {
                _ = try await c.retract(conversionID: sale.conversion.id)
            }
            await #expect(throws: StatusError(.notFound, "no conversion 'nope'")) { _ = try await c.retract(conversionID: "nope") }
            await c.close()
        }
    }

    @Test func aBatchRecordsEachItemWithItsOwnResult() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1", "E2"])
            var malformed = Fixtures.conversion("E1", "")
            malformed.conversionType = ""
            let results = try await c.recordFeedbackBatch([
                Fixtures.conversion("E1", "WonClient", 100), malformed, Fixtures.conversion("nope", "Lead"),
                Fixtures.conversion("E1", "WonClient", 200), Fixtures.returned("E2"),
            ])
            #expect(results.map(\.outcome) == [.created, .failed, .failed, .incremented, .returnRecorded])
            #expect(results.map(\.status.code) == [0, 3, 5, 0, 0])
            #expect(results[1].status.message.contains("items[1].conversion_type"))
            #expect(results[3].conversion.amount.amountMinor == 300)
            let tooMany = Array(repeating: Fixtures.conversion("E1", "Lead"), count: 1001)
            await #expect(throws: StatusError.self) { _ = try await c.recordFeedbackBatch(tooMany) }
            await c.close()
        }
    }
}
