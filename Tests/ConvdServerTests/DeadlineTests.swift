import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// A reply of DEADLINE_EXCEEDED to a write means it was not applied: the writer withdraws a job
/// whose caller gave up before it started, and a job it had started is answered with its result.
struct DeadlineTests {
    /// `unknown`: the client's own deadline (the server's plus a grace) passed first, so the client
    /// cannot know; PROTOCOL.md's promise is about the server's DEADLINE_EXCEEDED.
    enum Outcome: Sendable { case ok, deadlineExceeded, unknown, other(String) }

    /// Writes held back from outside the calls under test, until `release`.
    struct HeldWrites: Sendable {
        /// Lets the held writes go on.
        let release: @Sendable () -> Void
        /// Waits for whatever held them to finish.
        let done: @Sendable () async throws -> Void
    }

    /// Holds every write: SQLite's writer busy with a job that waits; on PostgreSQL, another
    /// session's lock on the delivery table (so calls wait in their transactions, and the rest for
    /// a pooled session).
    static func holdWrites(_ server: RunningServer) async throws -> HeldWrites {
        if let postgres = server.postgres {
            let held = try postgres.hold("LOCK TABLE delivery IN EXCLUSIVE MODE")
            return HeldWrites(release: { held.commit() }, done: {})
        }
        let gate = DispatchSemaphore(value: 0)
        let holding = Collected<Void>()
        let blocker = Task {
            try await server.sqlite().writer.write { _ in
                holding.append(())
                gate.wait()
            }
        }
        try await holding.wait(forCount: 1)
        return HeldWrites(release: { gate.signal() }, done: { try await blocker.value })
    }

    @Test func writesWithOneMillisecondDeadlinesAreAppliedExactlyWhenAcknowledged() async throws {
        try await TestServer().run { server in
            let setup = try await server.client()
            try await Fixtures.seed(setup, events: [])
            let connections = 16, perConnection = 125
            // Hold every write until the server has answered some write DEADLINE_EXCEEDED, so both
            // outcomes occur on any machine, however fast or loaded (the rest race their deadlines).
            let held = try await Self.holdWrites(server)
            let release = Task {
                defer { held.release() }
                try await eventually { (server.activity.snapshot()["calls.deadline_exceeded"] ?? 0) > 0 }
            }
            let outcomes = try await withThrowingTaskGroup(of: [(String, Outcome)].self) { group in
                for n in 0..<connections {
                    group.addTask {
                        // The test client waits for the server's own answer to every call: on a
                        // loaded machine a local deadline would turn answers into unknowns.
                        let c = try await server.client()
                        var mine: [(String, Outcome)] = []
                        try await withThrowingTaskGroup(of: (String, Outcome).self) { calls in
                            for i in 0..<perConnection {
                                calls.addTask {
                                    let id = "D-\(n)-\(i)"
                                    var req = Convd_V1_RecordDeliveryRequest()
                                    req.delivery = Fixtures.delivery(id)
                                    do {
                                        _ = try await c.call(MethodName(service: "Deliveries", method: "Record"), req,
                                                             returning: Convd_V1_RecordDeliveryResponse.self, timeout: .milliseconds(1))
                                        return (id, .ok)
                                    } catch let e as StatusError where e.status.code == .deadlineExceeded {
                                        return (id, e.status.message.contains("exceeded its deadline") ? .deadlineExceeded : .unknown)
                                    } catch {
                                        return (id, .other("\(error)"))
                                    }
                                }
                            }
                            for try await r in calls { mine.append(r) }
                        }
                        await c.close()
                        return mine
                    }
                }
                var all: [(String, Outcome)] = []
                for try await part in group { all += part }
                return all
            }
            try await release.value
            try await held.done()
            #expect(outcomes.count == connections * perConnection)
            var ok = 0, expired = 0, unknown = 0
            for (id, outcome) in outcomes {
                switch outcome {
                case .ok:
                    ok += 1
                    #expect(try await setup.delivery(eventID: id).eventID == id)
                case .deadlineExceeded:
                    expired += 1
                    await HardeningTests.expectStatus(.notFound, id) { _ = try await setup.delivery(eventID: id) }
                case .unknown:
                    unknown += 1
                case .other(let e):
                    Issue.record("\(id): \(e)")
                }
            }
            print("deadlines: \(ok) acknowledged and stored, \(expired) DEADLINE_EXCEEDED and absent, \(unknown) client-side timeouts")
            #expect(expired > 0)  // the deadlines really did cut writes off
            #expect(unknown == 0)  // every call has the server's answer, so every answer was checked
            await setup.close()
        }
    }
}
