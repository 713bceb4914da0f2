import ConvdClient
import ConvdProto
import ConvdServer
import ConvdTestSupport
import ConvdWire
import Foundation
import Synchronization
import Testing

/// Deadlines, cancellation, streaming, roles and limits, on a real server with test-only methods.
struct CallSemanticsTests {
    static let sleep = MethodName(service: "Test", method: "Sleep")
    static let count = MethodName(service: "Test", method: "Count")
    static let adminOnly = MethodName(service: "Test", method: "AdminOnly")
    static let hold = MethodName(service: "Test", method: "Hold")

    /// Observes how test calls ended; each list gets one element per event, so a test waits on it.
    final class Probe: Sendable {
        let started = Collected<Int64>()
        let cancelled = Collected<Int64>()
        let finished = Collected<Int64>()
        /// `Test/Hold` calls return once this has an element.
        let release = Collected<Void>()
    }

    /// A server with `Test/Sleep` (sleeps the given ms), `Test/Count` (streams 1...n, or forever
    /// for 0), and `Test/Hold` (answers once the probe releases it).
    static func server(limits: ServerConfiguration.Limits = .init(), roles: RoleTable? = nil, probe: Probe = Probe()) -> TestServer {
        TestServer(limits: limits, roles: roles ?? RoleTable(ownUID: getuid())) { router in
            router.unary(sleep, role: .reader, Convd_V1_Int64Value.self) { req, _ in
                probe.started.append(req.value)
                do {
                    try await Task.sleep(for: .milliseconds(req.value))
                } catch {
                    probe.cancelled.append(req.value)
                    throw error
                }
                probe.finished.append(req.value)
                return req
            }
            router.unary(hold, role: .reader, Convd_V1_Int64Value.self) { req, _ in
                probe.started.append(req.value)
                try await probe.release.wait(forCount: 1)
                return req
            }
            router.serverStreaming(count, role: .reader, Convd_V1_Int64Value.self) { req, _, writer in
                var i: Int64 = 1
                while req.value == 0 || i <= req.value {
                    var part = Convd_V1_Int64Value()
                    part.value = i
                    do {
                        try await writer.send(part)
                        if req.value == 0 { try await Task.sleep(for: .milliseconds(5)) }
                    } catch {
                        probe.cancelled.append(i)
                        throw error
                    }
                    i += 1
                }
            }
            router.unary(adminOnly, role: .admin, Convd_V1_Int64Value.self) { req, _ in req }
        }
    }

    static func ms(_ v: Int64) -> Convd_V1_Int64Value {
        var m = Convd_V1_Int64Value()
        m.value = v
        return m
    }

    @Test func aSlowCallPastItsDeadlineIsDeadlineExceededAndItsWorkCancelled() async throws {
        let probe = Probe()
        try await Self.server(probe: probe).run { server in
            let client = try await server.client()
            do {
                let _: Convd_V1_Int64Value = try await client.call(Self.sleep, Self.ms(10_000), timeout: .milliseconds(50))
                Issue.record("expected DEADLINE_EXCEEDED")
            } catch let error as StatusError {
                #expect(error.code == .deadlineExceeded)
                #expect(error.message.contains("deadline of 50 ms"))
            }
            // A call within its deadline still answers.
            let fast: Convd_V1_Int64Value = try await client.call(Self.sleep, Self.ms(1), timeout: .seconds(5))
            #expect(fast.value == 1)
            await client.close()
        }
        #expect(probe.cancelled.count == 1)
    }

    @Test func cancellingTheCallingTaskCancelsTheCallOnTheServer() async throws {
        let probe = Probe()
        try await Self.server(probe: probe).run { server in
            let client = try await server.client()
            let task = Task {
                let _: Convd_V1_Int64Value = try await client.call(Self.sleep, Self.ms(10_000))
            }
            try await probe.started.wait(forCount: 1)  // the call is running on the server
            task.cancel()
            await #expect(throws: StatusError.self) { try await task.value }
            // The server saw the cancel: its handler stopped.
            try await probe.cancelled.wait(forCount: 1)
            #expect(probe.finished.count == 0)
            #expect(try await client.health().status == "SERVING")
            await client.close()
        }
    }

    @Test func streamingRepliesArriveInOrderAndEndCleanly() async throws {
        try await Self.server().run { server in
            let client = try await server.client()
            var got: [Int64] = []
            for try await part in try client.stream(Self.count, Self.ms(50), returning: Convd_V1_Int64Value.self) {
                got.append(part.value)
            }
            #expect(got == Array(1...50))
            await client.close()
        }
    }

    @Test func cancellingAnEndlessStreamStopsItOnTheServer() async throws {
        let probe = Probe()
        try await Self.server(probe: probe).run { server in
            let client = try await server.client()
            let received = Collected<Int64>()
            let consumer = Task {
                for try await part in try client.stream(Self.count, Self.ms(0), returning: Convd_V1_Int64Value.self) {
                    received.append(part.value)
                }
            }
            try await received.wait(forCount: 5)
            #expect(Array(received.values.prefix(5)) == [1, 2, 3, 4, 5])
            consumer.cancel()  // cancelling the consuming task cancels the call
            _ = await consumer.result
            try await probe.cancelled.wait(forCount: 1)
            #expect(probe.cancelled.count == 1)
            #expect(try await client.health().status == "SERVING")
            await client.close()
        }
    }

    @Test func concurrentCallsOnOneConnectionAreMatchedByCallID() async throws {
        try await Self.server().run { server in
            let client = try await server.client()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1...100 {
                    group.addTask {
                        // Later calls finish first: replies come out of order.
                        let reply: Convd_V1_Int64Value = try await client.call(Self.sleep, Self.ms(Int64(101 - i) % 20))
                        #expect(reply.value == Int64(101 - i) % 20)
                    }
                }
                try await group.waitForAll()
            }
            await client.close()
        }
    }

    @Test func aCallBeyondTheCallersRoleIsPermissionDeniedNamingTheRole() async throws {
        // The test runs as the daemon's own uid (root in CI), so demote that uid to a granted reader.
        let me = getuid()
        var roles = RoleTable(ownUID: me, byUID: [me: .reader])
        roles.admins = []
        try await Self.server(roles: roles).run { server in
            let client = try await server.client()
            await #expect(throws: StatusError(.permissionDenied, "/convd.v1.Test/AdminOnly needs role admin; uid \(me) has role reader")) {
                let _: Convd_V1_Int64Value = try await client.call(Self.adminOnly, Self.ms(1))
            }
            #expect(try await client.health().status == "SERVING")
            await client.close()
        }
    }

    @Test func roleTableGivesRootAndOwnUIDAdminAndNobodyElseAnything() throws {
        var table = RoleTable(ownUID: 1000)
        #expect(table.role(for: PeerCredentials(pid: 1, uid: 0, gid: 0)) == .admin)
        #expect(table.role(for: PeerCredentials(pid: 1, uid: 1000, gid: 1000)) == .admin)
        #expect(table.role(for: PeerCredentials(pid: 1, uid: 1001, gid: 1001)) == nil)
        try table.add(grant: "uid:1001=reader")
        try table.add(grant: "gid:50=recorder")
        #expect(table.role(for: PeerCredentials(pid: 1, uid: 1001, gid: 1001)) == .reader)
        #expect(table.role(for: PeerCredentials(pid: 1, uid: 1001, gid: 50)) == .recorder)
        #expect(throws: RoleTableError.self) { try table.add(grant: "uid:x=admin") }
        #expect(throws: RoleTableError.self) { try table.add(grant: "uid:5=owner") }
    }

    @Test func callsBeyondThePerConnectionLimitAreResourceExhausted() async throws {
        var limits = ServerConfiguration.Limits()
        limits.maxCallsInFlightPerConnection = 4
        let probe = Probe()
        try await Self.server(limits: limits, probe: probe).run { server in
            let client = try await server.client()
            // Four calls fill the connection and stay in flight until released: no timing decides
            // which call finds it full.
            let held = (1...4).map { i in
                Task { () throws -> Int64 in
                    let reply: Convd_V1_Int64Value = try await client.call(Self.hold, Self.ms(Int64(i)))
                    return reply.value
                }
            }
            try await probe.started.wait(forCount: 4)
            for extra in 5...8 {
                await #expect(throws: StatusError(.resourceExhausted, "too many calls in flight on this connection (maximum 4)")) {
                    let _: Convd_V1_Int64Value = try await client.call(Self.hold, Self.ms(Int64(extra)))
                }
            }
            #expect(probe.started.count == 4, "a refused call must not run")
            probe.release.append(())
            var answered: [Int64] = []
            for call in held { answered.append(try await call.value) }
            #expect(answered == [1, 2, 3, 4])
            // With the four answered, the connection takes calls again.
            let again: Convd_V1_Int64Value = try await client.call(Self.hold, Self.ms(9))
            #expect(again.value == 9)
            await client.close()
        }
    }

    @Test func connectionsBeyondTheLimitAreRefusedWithAStatus() async throws {
        var limits = ServerConfiguration.Limits()
        limits.maxConnections = 2
        try await Self.server(limits: limits).run { server in
            let a = try await server.client(), b = try await server.client()
            _ = try await a.health()
            _ = try await b.health()
            let third = try RawSocket(path: server.socketPath)
            let refusal = try FramingTests.response(third)
            #expect(refusal.status.code == StatusCode.resourceExhausted.rawValue)
            #expect(refusal.status.message == "too many connections (maximum 2)")
            await a.close()
            await b.close()
        }
    }

    @Test func gracefulShutdownLetsCallsInFlightAnswer() async throws {
        let probe = Probe()
        let server = Self.server(probe: probe)
        let results = Collected<Int64>()
        try await server.run { running in
            let client = try await running.client()
            // Start five slow calls, then return once all five run on the server: run() shuts
            // down while they are in flight.
            for i in 1...5 {
                Task {
                    let r: Convd_V1_Int64Value = try await client.call(Self.sleep, Self.ms(200 + Int64(i)))
                    results.append(r.value)
                }
            }
            try await probe.started.wait(forCount: 5)
        }
        #expect(probe.finished.count == 5)
        #expect(probe.cancelled.count == 0)
        try await results.wait(forCount: 5)
        #expect(results.values.sorted() == [201, 202, 203, 204, 205])
    }

    @Test func gracefulShutdownEndsOpenStreamsWithUnavailable() async throws {
        let ended = Collected<StatusCode>()
        let parts = Collected<Int64>()
        try await Self.server().run { running in
            let client = try await running.client()
            let stream = try client.stream(Self.count, Self.ms(0), returning: Convd_V1_Int64Value.self)
            Task {
                do {
                    for try await part in stream { parts.append(part.value) }
                    ended.append(.ok)
                } catch let e as StatusError {
                    ended.append(e.code)
                }
            }
            // The stream is running (it has sent parts), so the UNAVAILABLE below can only come
            // from the drain ending it, not from a drain refusing it at its start.
            try await parts.wait(forCount: 3)
        }  // returns only once the drain is done: an endless stream must not hold it up
        try await ended.wait(forCount: 1)
        #expect(ended.values == [.unavailable])
        #expect(parts.count >= 3)
    }
}
