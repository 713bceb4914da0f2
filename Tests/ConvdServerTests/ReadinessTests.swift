@testable import ConvdServer
import ConvdCore
import ConvdStore
import ConvdProto
import ConvdTestSupport
import Logging
import Testing

/// Readiness checks what liveness does not: a commit through the writer and a running forwarder.
struct ReadinessTests {
    @Test func readinessNamesEachFailedCheckWhileLivenessStaysServing() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            let ready = try await c.readiness()
            #expect(ready.status == "SERVING" && ready.problems.isEmpty)  // the test server runs its forwarder
            // The same service without a forwarding worker: NOT_SERVING, and why.
            let facts = DaemonFacts(version: "t", socketPath: "", databasePath: "", durability: .full, startedAtMs: 0)
            let system = SystemService(facts: facts, methods: [], activity: server.activity, storage: server.storage,
                                       clock: SystemWallClock(), forwarder: nil)
            let ctx = CallContext(callID: 1, method: "/convd.v1.System/Health", role: .reader,
                                  peer: PeerCredentials(pid: 1, uid: 0, gid: 0), idempotencyKey: "", logger: Logger(label: "t"))
            var request = Convd_V1_HealthRequest()
            request.readiness = true
            let answer = await system.readiness(request, ctx)
            #expect(answer.status == "NOT_SERVING")
            #expect(answer.problems == ["the forwarding worker is not running"])
            #expect(system.health(Convd_V1_HealthRequest(), ctx).status == "SERVING")  // liveness does not look
            await c.close()
        }
    }
}
