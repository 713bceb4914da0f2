import ConvdCore
import ConvdProto
import ConvdStore
import Foundation

/// `System/Health` and `System/Info`, answered inline on the event loop, touching no storage; and
/// `System/Metrics`, whose outbox gauges read the database.
struct SystemService: Sendable {
    static let apiVersion = "convd.v1"

    let facts: DaemonFacts
    let methods: [String]
    let activity: ServerActivity
    let storage: any ConvdStorage
    let clock: any WallClock
    /// Checked by readiness; nil where no worker runs (then readiness says so).
    let forwarder: ForwardingWorker?

    /// Liveness: answered on the event loop, touching nothing.
    func health(_: Convd_V1_HealthRequest, _: CallContext) -> Convd_V1_HealthResponse {
        var r = Convd_V1_HealthResponse()
        r.status = activity.isDraining ? "NOT_SERVING" : "SERVING"
        return r
    }

    /// Readiness: liveness, plus a commit through the writer and a running forwarding worker.
    func readiness(_ req: Convd_V1_HealthRequest, _ ctx: CallContext) async -> Convd_V1_HealthResponse {
        var r = health(req, ctx)
        if activity.isDraining { r.problems.append("convd is shutting down") }
        do {
            try await storage.probeCommit()
        } catch {
            r.problems.append("the database cannot commit: \(error.message)")
        }
        if !(forwarder?.isRunning ?? false) { r.problems.append("the forwarding worker is not running") }
        r.status = r.problems.isEmpty ? "SERVING" : "NOT_SERVING"
        return r
    }

    func info(_: Convd_V1_InfoRequest, _ ctx: CallContext) -> Convd_V1_InfoResponse {
        var r = Convd_V1_InfoResponse()
        r.version = facts.version
        r.apiVersion = Self.apiVersion
        r.methods = methods
        r.startedAtMs = facts.startedAtMs
        r.uptimeMs = clock.nowMs() - facts.startedAtMs
        r.socketPath = facts.socketPath
        r.databasePath = facts.databasePath
        r.durability = facts.durability.rawValue
        r.pid = ProcessInfo.processInfo.processIdentifier
        r.callerRole = ctx.role.description
        let counters = activity.snapshot().merging(storage.counters()) { a, _ in a }
        r.counters = counters.sorted { $0.key < $1.key }.map { name, value in
            var c = Convd_V1_Counter()
            c.name = name
            c.value = value
            return c
        }
        return r
    }

    func metrics(_: Convd_V1_MetricsRequest, _: CallContext) async throws -> Convd_V1_MetricsResponse {
        var r = Convd_V1_MetricsResponse()
        r.text = try await Self.exposition(activity: activity, storage: storage)
        return r
    }

    /// The Prometheus text, its gauges sampled now (also what the HTTP listener serves).
    static func exposition(activity: ServerActivity, storage: any ConvdStorage) async throws -> String {
        let outbox = try await storage.outboxCounts().map { (source: $0.sourceID, state: $0.state.rawValue, count: $0.count) }
        let sample = ServerMetrics.Sample(
            queuedWrites: Int(clamping: storage.counters()["store.queued_writes"] ?? 0), connections: activity.connectionCount,
            residentBytes: ServerMetrics.residentBytes(), outbox: outbox)
        return activity.metrics.exposition(sample)
    }

    /// A consistent online copy of the database, written by the daemon at the path asked for.
    func backup(_ req: Convd_V1_BackupRequest, _ ctx: CallContext) async throws -> Convd_V1_BackupResponse {
        guard !req.path.isEmpty else { throw ConvdError.invalid(field: "path", "is required") }
        guard req.path.utf8.count <= 4096, !req.path.contains("\0") else { throw ConvdError.invalid(field: "path", "is not a usable path") }
        let summary = try await storage.backup(to: req.path)
        ctx.logger.notice("backup written", metadata: [
            "path": "\(summary.path)", "bytes": "\(summary.bytes)", "peer_uid": "\(ctx.peer.uid)",
        ])
        var r = Convd_V1_BackupResponse()
        r.path = summary.path
        r.bytes = summary.bytes
        r.durationMs = summary.durationMs
        r.lastEventSeq = summary.lastEventSeq
        r.rows = summary.rows.sorted { $0.key < $1.key }.map { table, n in
            var c = Convd_V1_Counter()
            c.name = table
            c.value = UInt64(clamping: n)
            return c
        }
        return r
    }
}
