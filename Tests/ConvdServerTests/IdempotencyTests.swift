import ConvdClient
import ConvdCore
import ConvdProto
import ConvdStore
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// An idempotency key can never swallow a different write: keys are scoped by method and caller,
/// carry the request's fingerprint, cover every write, and expire.
struct IdempotencyTests {
    @Test func aKeyReusedForADifferentRequestIsRefusedAndTheSameRequestAnswersTheSame() async throws {
        try await TestServer().run { server in
            let a = try await server.client()
            let b = try await server.client()
            try await Fixtures.seed(a, events: ["E1", "E2"])
            let first = try await a.recordFeedback(InstalmentTests.invoice("E1", 1_000, tx: "INV-1"), idempotencyKey: "1001")
            // Another connector picks the same key for another sale: refused, not answered with the first sale.
            await HardeningTests.expectStatus(.failedPrecondition,
                                              "idempotency key '1001' was first used for a different request (Feedback/Record at ") {
                _ = try await b.recordFeedback(InstalmentTests.invoice("E2", 9_999, tx: "INV-9"), idempotencyKey: "1001")
            }
            // Nothing of the refused request was counted.
            #expect(try await a.conversions().map(\.eventID) == ["E1"])
            // The same request again (from either connection) answers the first answer and changes nothing.
            let again = try await b.recordFeedback(InstalmentTests.invoice("E1", 1_000, tx: "INV-1"), idempotencyKey: "1001")
            #expect(again == first)
            #expect(try await a.conversion(id: first.conversion.id).postbackCount == 1)
            // The key is per method: the same key on Adjust is another key.
            var approve = Convd_V1_AdjustRequest()
            approve.conversionID = first.conversion.id
            approve.kind = .reject
            #expect(try await a.adjust(approve, idempotencyKey: "1001").conversion.status == .rejected)
            await a.close()
            await b.close()
        }
    }

    @Test func deliveriesAndSettingsHonourKeys() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: [])
            // A generated event ID comes back the same on a retry instead of a second delivery.
            let d1 = try await c.recordDelivery(Fixtures.delivery(), idempotencyKey: "d-1")
            let d2 = try await c.recordDelivery(Fixtures.delivery(), idempotencyKey: "d-1")
            #expect(d1 == d2 && d1.eventID.count == 26)
            var all = Convd_V1_ConversionFilter()
            all.includeTest = true
            #expect(try await c.stats(filter: all)[0].deliveries == 1)
            // A retried Put with an expected stamp answers the first answer instead of ABORTED.
            let r = try await c.recipient(id: "crm-1")
            var renamed = r
            renamed.name = "Renamed"
            let p1 = try await c.putRecipient(renamed, updateFields: ["name"], expectedUpdatedAtMs: r.updatedAtMs, idempotencyKey: "p-1")
            let p2 = try await c.putRecipient(renamed, updateFields: ["name"], expectedUpdatedAtMs: r.updatedAtMs, idempotencyKey: "p-1")
            #expect(p1 == p2 && p1.recipient.name == "Renamed")
            // A key longer than 200 bytes is refused before anything runs.
            await #expect(throws: StatusError(.invalidArgument, "idempotency_key: longer than 200 bytes (201)")) {
                _ = try await c.recordDelivery(Fixtures.delivery(), idempotencyKey: String(repeating: "k", count: 201))
            }
            await c.close()
        }
    }

    @Test func keysAreScopedByCallerAndExpire() async throws {
        let clock = ManualClock(ms: 1_800_000_000_000)
        try await TestServer(clock: clock).run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1", "E2"])
            let storage = server.storage
            let pruner = try #require(server.storage as? any RetentionPruning)
            func sale(_ event: String) -> FeedbackInput {
                FeedbackInput(target: .eventID(event), kind: .conversion, conversionType: "Lead",
                              amount: Money(amountMinor: 100, currency: "EUR"))
            }
            // Two callers (uids) with the same key and different requests: both counted.
            let one = IdempotencyClaim(key: "k", scope: "uid:1001", fingerprint: "f1")
            let two = IdempotencyClaim(key: "k", scope: "uid:1002", fingerprint: "f2")
            let r1 = try await storage.recordFeedback(sale("E1"), idempotency: one, actor: "test")
            let r2 = try await storage.recordFeedback(sale("E2"), idempotency: two, actor: "test")
            #expect(r1.conversion?.id != r2.conversion?.id)
            #expect(try await storage.recordFeedback(sale("E1"), idempotency: one, actor: "test") == r1)
            // Past the retention (7 days by default) the key is forgotten: the same key and request count again.
            clock.advance(ms: IdempotencyClaim.defaultRetentionMs + 1)
            let later = try await storage.recordFeedback(sale("E1"), idempotency: one, actor: "test")
            #expect(later.conversion?.id != r1.conversion?.id && later.outcome == .created)
            // Expired keys are deleted by the retention pass (the daemon's RetentionPruner), not by writes.
            let pruned = try await pruner.prune(RetentionPolicy(), nowMs: clock.nowMs())
            // uid:1002's key; uid:1001's expired one was replaced by its new answer above.
            #expect(pruned.idempotencyKeys == 1)
            // One key is left, uid:1001's new answer: a pass past its retention too deletes just it.
            let rest = try await pruner.prune(RetentionPolicy(), nowMs: clock.nowMs() + IdempotencyClaim.defaultRetentionMs + 1)
            #expect(rest.idempotencyKeys == 1)
            await c.close()
        }
    }
}
