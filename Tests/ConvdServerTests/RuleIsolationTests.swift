import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Synchronization
import Testing

/// A costly rule on recipient A delays only A's own call: rules are evaluated on a WAL reader
/// before the write enters the single writer, so `System/Health` and a `Feedback/Record` for
/// recipient B answer while A's batch is still evaluating.
struct RuleIsolationTests {
    /// Rules that all hold (so every one is evaluated) and each cost input × program steps.
    static func costlyRecipient(_ id: String, rules: Int) -> Convd_V1_Recipient {
        Fixtures.recipient(id, allOf: Array(repeating: Fixtures.rule("lead.blob", .matches, ["^(.*a){1,60}$"]), count: rules))
    }

    @Test func aSlowRuleOnOneRecipientDoesNotDelayAnotherOrHealth() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: (0..<10).map { "B\($0)" })
            _ = try await c.putRecipient(Self.costlyRecipient("slow", rules: 8))
            for i in 0..<8 {
                var d = Fixtures.delivery("A\(i)", recipient: "slow")
                d.lead["blob"] = String(repeating: "a", count: 1_024)
                _ = try await c.recordDelivery(d)
            }
            let slowClient = try await server.client()
            let receivedBefore = server.activity.snapshot()["calls.received"] ?? 0
            let finished = DoneFlag()
            let batch = Task {
                defer { finished.set() }
                return try await slowClient.recordFeedbackBatch((0..<8).map { Fixtures.conversion("A\($0)", "Lead") })
            }
            // A's batch is on the server (received and running) before B starts.
            while (server.activity.snapshot()["calls.received"] ?? 0) == receivedBefore { await Task.yield() }
            // The claim is about order, not milliseconds: B's writes and Health answer while A's
            // rules are still being evaluated. With the rules inside the writer, each B write would
            // queue behind A's whole batch and answer after it. The latency figures are measured
            // by `convd-bench isolation`.
            var answeredWhileBusy = 0
            for i in 0..<10 {
                _ = try await c.health()
                let b = try await c.recordFeedback(Fixtures.conversion("B\(i)", "Lead"))
                #expect(b.outcome == .created)
                if !finished.isSet { answeredWhileBusy += 1 }
            }
            let results = try await batch.value
            #expect(results.allSatisfy { $0.outcome == .created })  // every costly rule held
            #expect(answeredWhileBusy == 10, "only \(answeredWhileBusy) of B's 10 calls answered before A's batch ended")
            await slowClient.close()
            await c.close()
        }
    }
}

/// Set once a background call has answered.
final class DoneFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
