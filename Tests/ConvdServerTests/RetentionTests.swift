import ConvdClient
import ConvdProto
import ConvdStore
import ConvdTestSupport
import Foundation
import Testing

/// Retention: SENT forwards and their attempt logs go after their retention, in small batches;
/// PENDING and DEAD forwards and every money record stay whatever their age.
struct RetentionTests {
    @Test func sentForwardsArePrunedAfterRetentionAndNothingElseIs() async throws {
        // E1, E2, E5 are accepted, E3 refused for good (DEAD), E4 failing (PENDING, retried later).
        let http = TestHTTPServer { received, _ in
            received.body.contains("E3") ? .status(400, body: "no") : received.body.contains("E4") ? .status(503) : .status(200, body: "ok")
        }
        let base = try await http.start()
        let day: Int64 = 86_400_000
        let clock = ManualClock(ms: 1_800_000_000_000)
        try await TestServer(clock: clock).run { server in
            let c = try await server.client()
            _ = try await c.putRecipient(Fixtures.recipient("crm-1"))
            _ = try await c.putSource(ForwardingTests.source("v-1", url: base + "/pb", mapping: ["e": "{event_id}"]))
            for e in ["E1", "E2", "E3", "E4", "E5"] {
                _ = try await c.recordDelivery(Fixtures.delivery(e))
                _ = try await c.recordFeedback(Fixtures.conversion(e, "WonClient", 100))
            }
            try await eventually {
                let states = try await ForwardingTests.forwards(c).map(\.state)
                return states.filter { $0 == .sent }.count == 3 && states.contains(.dead) && states.contains(.pending)
            }
            let storage = try #require(server.storage as? any RetentionPruning)
            let policy = RetentionPolicy(sentForwardsMs: 30 * day, batchRows: 2)  // batches of 2: three passes
            clock.advance(ms: 29 * day)
            #expect(try await storage.prune(policy, nowMs: clock.nowMs()) == PruneResult())
            clock.advance(ms: 2 * day)
            let pruned = try await storage.prune(policy, nowMs: clock.nowMs())
            #expect(pruned.sentForwards == 3 && pruned.forwardAttempts == 3)
            let left = try await ForwardingTests.forwards(c)
            let states: Set<Convd_V1_OutboxState> = Set(left.map(\.state))
            #expect(states == [.pending, .dead])
            #expect(left.allSatisfy { !$0.attemptLog.isEmpty })
            #expect(try await c.conversions().count == 5)
            #expect(try await storage.prune(policy, nowMs: clock.nowMs()) == PruneResult())
            await c.close()
        }
        await http.stop()
    }
}
