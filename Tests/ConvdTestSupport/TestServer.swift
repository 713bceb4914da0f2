import AsyncHTTPClient
import ConvdClient
import ConvdCore
import ConvdServer
import ConvdStore
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// A real convd server in-process: a real SQLite file (or a fresh PostgreSQL schema, see
/// `TestBackend`), the real writer and the real socket server, on a temporary path. `run(_:)` starts it, runs the body, and shuts it down.
public struct TestServer: Sendable {
    /// The temporary directory holding the socket and database.
    public let directory: TemporaryDirectory
    /// The socket path.
    public var socketPath: String { directory.file("convd.sock") }
    /// The database path.
    public var databasePath: String { directory.file("convd.sqlite") }
    /// Limits to serve with.
    public var limits: ServerConfiguration.Limits
    /// Role grants beyond the default.
    public var roles: RoleTable

    /// How the forwarding worker sends and retries (fast backoff by default, for tests).
    public var forwarding: ForwardingWorker.Configuration

    /// The wall clock the store and server read (a `ManualClock` to test windows and caps).
    public var clock: any WallClock

    /// Extra methods to serve beside convd's own (slow or streaming test methods).
    public var extraRoutes: @Sendable (inout MethodRouter) -> Void

    /// A server on a fresh temporary directory.
    public init(limits: ServerConfiguration.Limits = .init(), roles: RoleTable = RoleTable(ownUID: getuid()),
                forwarding: ForwardingWorker.Configuration = TestServer.fastForwarding, clock: any WallClock = SystemWallClock(),
                extraRoutes: @escaping @Sendable (inout MethodRouter) -> Void = { _ in }) {
        directory = TemporaryDirectory()
        self.clock = clock
        self.forwarding = forwarding
        self.limits = limits
        self.roles = roles
        self.extraRoutes = extraRoutes
    }

    /// Retries after 50 ms, 100 ms, ...; a failed outbox read is tried again after 20 ms.
    public static var fastForwarding: ForwardingWorker.Configuration {
        var c = ForwardingWorker.Configuration()
        c.backoff = Backoff(baseMs: 50, capMs: 1_000)
        c.readRetry = .milliseconds(20)
        return c
    }

    /// Starts the server, runs `body` with it listening, then shuts it down gracefully.
    public func run<T: Sendable>(_ body: @Sendable (RunningServer) async throws -> T) async throws -> T {
        var logger = Logger(label: "convd-test")
        logger.logLevel = .warning
        let backend = try await TestBackend.open(databasePath: databasePath, clock: clock, logger: logger)
        let storage = backend.storage
        let http = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: ForwardingWorker.httpConfiguration)
        let forwarder = ForwardingWorker(storage: storage, http: http, clock: clock, configuration: forwarding, logger: logger)
        let activity = ServerActivity()
        let facts = DaemonFacts(version: "test", socketPath: socketPath, databasePath: databasePath,
                                durability: .full, startedAtMs: clock.nowMs())
        var router = ConvdRoutes.router(storage: storage, facts: facts, activity: activity, clock: clock, forwarder: forwarder)
        extraRoutes(&router)
        let (readyStream, readyContinuation) = AsyncStream.makeStream(of: Void.self)
        let server = ConvdServer(
            configuration: ServerConfiguration(socketPath: socketPath, roles: roles, limits: limits),
            router: router, activity: activity, group: MultiThreadedEventLoopGroup.singleton, logger: logger
        ) { readyContinuation.yield() }
        let group = ServiceGroup(services: backend.services + [forwarder, server], logger: logger)
        let running = RunningServer(socketPath: socketPath, storage: storage, sqliteStorage: backend.sqlite, postgres: backend.postgres,
                                    activity: activity,
                                    forwarder: forwarder)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask { try await group.run(); return nil }
            var ready = readyStream.makeAsyncIterator()
            _ = await ready.next()
            let result: Result<T, any Error>
            do { result = .success(try await body(running)) } catch { result = .failure(error) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try result.get()
        })
        } catch {
            outcome = .failure(error)
        }
        try await http.shutdown()
        try await backend.close()
        directory.remove()
        return try outcome.get()
    }
}
