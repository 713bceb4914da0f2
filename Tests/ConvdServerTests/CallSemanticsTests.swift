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

    /// Observes how test calls ended.
    final class Probe: Sendable {
        let started = Mutex(0)
        let cancelled = Mutex(0)
        let finished = Mutex(0)
        let values = Mutex<[Int64]>([])
    }

    /// A server with `Test/Sleep` (sleeps the given ms), `Test/Count` (streams 1...n, or forever for 0).
    static func server(limits: ServerConfiguration.Limits = .init(), roles: RoleTable? = nil, probe: Probe = Probe()) -> TestServer {
        TestServer(limits: limits, roles: roles ?? RoleTable(ownUID: getuid())) { router in
            router.unary(sleep, role: .reader, Convd_V1_Int64Value.self) { req, _ in
                probe.started.withLock { $0 += 1 }
                do {
                    try await Task.sleep(for: .milliseconds(req.value))
                } catch {
                    probe.cancelled.withLock { $0 += 1 }
                    throw error
                }
                probe.finished.withLock { $0 += 1 }
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
                        probe.cancelled.withLock { $0 += 1 }
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
        #expect(probe.cancelled.withLock { $0 } == 1)
    }

    @Test func cancellingTheCallingTaskCancelsTheCallOnTheServer() async throws {
        let probe = Probe()
        try await Self.server(probe: probe).run { server in
            let client = try await server.client()
            let task = Task {
                let _: Convd_V1_Int64Value = try await client.call(Self.sleep, Self.ms(10_000))
            }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            await #expect(throws: StatusError.self) { try await task.value }
            // The server saw the cancel: its handler stopped.
            for _ in 0..<100 where probe.cancelled.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(probe.cancelled.withLock { $0 } == 1)
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
            let started = Probe()
            let consumer = Task {
                for try await part in try client.stream(Self.count, Self.ms(0), returning: Convd_V1_Int64Value.self) {
                    started.values.withLock { $0.append(part.value) }
                }
            }
            for _ in 0..<200 where started.values.withLock({ $0.count }) < 5 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(started.values.withLock { Array($0.prefix(5)) } == [1, 2, 3, 4, 5])
            consumer.cancel()  // cancelling the consuming task cancels the call
            _ = await consumer.result
            for _ in 0..<200 where probe.cancelled.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(probe.cancelled.withLock { $0 } == 1)
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
        try await Self.server(limits: limits).run { server in
            let client = try await server.client()
            let codes = try await withThrowingTaskGroup(of: StatusCode.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            let _: Convd_V1_Int64Value = try await client.call(Self.sleep, Self.ms(300))
                            return .ok
                        } catch let e as StatusError { return e.code }
                    }
                }
                var all: [StatusCode] = []
                for try await c in group { all.append(c) }
                return all
            }
            #expect(codes.filter { $0 == .ok }.count == 4)
            #expect(codes.filter { $0 == .resourceExhausted }.count == 4)
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
        let results = Probe()
        try await server.run { running in
            let client = try await running.client()
            // Start five slow calls, then return at once: run() shuts down while they are in flight.
            for i in 1...5 {
                Task {
                    let r: Convd_V1_Int64Value = try await client.call(Self.sleep, Self.ms(200 + Int64(i)))
                    results.values.withLock { $0.append(r.value) }
                }
            }
            // Shut down once all five are in flight on the server (not after a fixed sleep, which a
            // loaded machine can outlast before the calls even arrive).
            for _ in 0..<500 where probe.started.withLock({ $0 }) < 5 { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(probe.finished.withLock { $0 } == 5)
        #expect(probe.cancelled.withLock { $0 } == 0)
        for _ in 0..<100 where results.values.withLock({ $0.count }) < 5 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(results.values.withLock { $0.sorted() } == [201, 202, 203, 204, 205])
    }

    @Test func gracefulShutdownEndsOpenStreamsWithUnavailable() async throws {
        let ended = Collected<StatusCode>()
        try await Self.server().run { running in
            let client = try await running.client()
            let stream = try client.stream(Self.count, Self.ms(0), returning: Convd_V1_Int64Value.self)
            Task {
                do {
                    for try await _ in stream {}
                    ended.append(.ok)
                } catch let e as StatusError {
                    ended.append(e.code)
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }  // returns only once the drain is done: an endless stream must not hold it up
        for _ in 0..<100 where ended.count == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(ended.values == [.unavailable])
    }
}
