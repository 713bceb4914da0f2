import ConvdCore
import ConvdServer
import ConvdStore
import Dispatch
import Foundation
import Logging
import SwiftProtobuf
import Synchronization

/// The whole call path in-process for fuzzing: `MethodRouter` over the real handlers and a real
/// SQLite store in a temporary directory, with its group-commit writer running, seeded with a
/// recipient (with rules), sources (one forwarding) and deliveries. One per process: libFuzzer
/// calls a C entry point with no place to keep state, so this is the only shared instance.
public final class CallPathHarness: Sendable {
    /// The instance a fuzz target uses, built on first use.
    public static let shared = CallPathHarness()

    /// Every method the router serves, sorted, but `System/Backup`; an input picks one by index.
    public let methods: [String]
    /// Methods never fuzzed: a backup writes a file at the path the request names, so fuzzed
    /// paths would write database copies anywhere this process may write (`/a` as root in CI).
    public static let excluded: Set<String> = ["/convd.v1.System/Backup"]
    private let router: MethodRouter
    private let logger: Logger

    /// The harness's store, one per process.
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convd-fuzz-\(getpid())").path

    private init() {
        var logger = Logger(label: "convd-fuzz")
        logger.logLevel = .critical
        self.logger = logger
        let dir = Self.directory
        try? FileManager.default.removeItem(atPath: dir)
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // The harness lives as long as the process, which libFuzzer ends with exit(): remove the
        // store then, so runs leave nothing in /tmp.
        atexit { try? FileManager.default.removeItem(atPath: CallPathHarness.directory) }
        let db = try! ConvdDatabase(configuration: DatabaseConfiguration(path: dir + "/convd.sqlite", durability: .normal))
        let writer = GroupCommitWriter(database: db, logger: logger, maxQueuedWrites: 1_000)
        Task.detached { try await writer.run() }
        let clock = SystemWallClock()
        let storage = SQLiteStorage(database: db, writer: writer, clock: clock, userAgent: "convd/fuzz")
        let facts = DaemonFacts(version: "fuzz", socketPath: dir + "/convd.sock", databasePath: dir + "/convd.sqlite",
                                durability: .normal, startedAtMs: clock.nowMs())
        router = ConvdRoutes.router(storage: storage, facts: facts, activity: ServerActivity(), clock: clock)
        methods = router.methods.filter { !Self.excluded.contains($0) }
        Self.blocking { try await Self.seed(storage) }
    }

    /// Seeds what most calls refer to, so inputs reach deep into the handlers.
    static func seed(_ storage: SQLiteStorage) async throws {
        var settings = FeedbackSettings.defaults
        settings.rules = RuleSet(match: .all, nodes: [
            .rule(Rule(field: "feedback.reason", op: .notEquals, values: ["spam"])),
            .rule(Rule(field: "lead.email", op: .matches, values: ["^[^@]*@?.*$"])),
        ])
        _ = try await storage.putRecipient(Recipient(id: "crm-1", feedback: settings))
        _ = try await storage.putRecipient(Recipient(id: "crm-2"))
        _ = try await storage.putSource(Source(id: "v-1", forwarding: ForwardingSettings(url: "http://127.0.0.1:9/pb?key=k"),
                                               returnCap: .count(5)))
        _ = try await storage.putSource(Source(id: "v-2"))
        for (i, click) in ["c1", "c2", ""].enumerated() {
            _ = try await storage.recordDelivery(Delivery(eventID: "E\(i + 1)", recipientID: i == 2 ? "crm-2" : "crm-1",
                                                          sourceID: i == 1 ? "v-2" : "v-1", clickID: click,
                                                          lead: ["email": "a@example.com"]))
        }
    }

    /// Runs `method` with `payload` as an admin would, to its end, and encodes the reply or maps
    /// its error to a status exactly as the connection does. Streams are cut after a few parts.
    public func call(_ method: String, payload: Data) {
        guard !Self.excluded.contains(method), let route = router.route(for: method),
              let prepared = try? route.prepare(payload) else { return }
        let ctx = CallContext(callID: 1, method: method, role: .admin, peer: PeerCredentials(pid: 1, uid: 0, gid: 0),
                              idempotencyKey: payload.count % 3 == 0 ? "fuzz-key" : "", logger: logger)
        let logger = self.logger
        Self.blocking {
            do {
                switch prepared {
                case .inline(let run): _ = try run(ctx).serializedBytes() as [UInt8]
                case .unary(let run): _ = try await run(ctx).serializedBytes() as [UInt8]
                case .serverStreaming(let run):
                    let parts = PartCounter()
                    let stream = Task { try await run(ctx, ResponseStreamWriter { _ in try parts.next() }) }
                    try? await Task.sleep(for: .milliseconds(5))
                    stream.cancel()
                    try await stream.value
                }
            } catch {
                _ = StatusMapping.status(for: error, logger: logger).proto
            }
        }
    }

    /// Waits on the calling (non-pool) thread for `body` to finish.
    static func blocking(_ body: @escaping @Sendable () async throws -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            try? await body()
            done.signal()
        }
        done.wait()
    }
}
