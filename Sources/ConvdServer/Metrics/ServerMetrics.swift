import ConvdWire
import CoreMetrics
import Foundation
import Prometheus
import Synchronization

/// The daemon's metrics, recorded through swift-metrics handles made by a Prometheus factory over
/// this server's own registry (no process-global bootstrap, so several servers in one process, as
/// in the tests, keep separate figures). `exposition` renders them as Prometheus text, with the
/// gauges sampled at that moment.
public final class ServerMetrics: Sendable {
    /// The registry the text is rendered from.
    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let calls: MetricHandleCache<[String], CoreMetrics.Counter>
    private let callDurations: MetricHandleCache<String, CoreMetrics.Timer>
    private let feedbackOutcomes: MetricHandleCache<String, CoreMetrics.Counter>
    private let commitBatchSize: CoreMetrics.Recorder
    private let commitDuration: CoreMetrics.Timer
    /// The outbox gauges set so far: one whose items are all gone is set back to 0, not left at its last count.
    private let outboxSeen = Mutex(Set<[String]>())

    /// Latency buckets for calls and commits, in seconds: 100 µs to 10 s.
    static let latencyBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(10),
    ]

    /// Group-commit batch size buckets (jobs per commit).
    static let batchBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]

    /// Empty metrics with their own registry.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.latencyBuckets
        factory.valueHistogramBuckets = ["convd_commit_batch_size": Self.batchBuckets]
        self.factory = factory
        let made = factory
        calls = MetricHandleCache { key in Counter(label: "convd_calls_total", dimensions: [("method", key[0]), ("code", key[1])], factory: made) }
        callDurations = MetricHandleCache { method in Timer(label: "convd_call_duration_seconds", dimensions: [("method", method)], factory: made) }
        feedbackOutcomes = MetricHandleCache { outcome in Counter(label: "convd_feedback_total", dimensions: [("outcome", outcome)], factory: made) }
        commitBatchSize = Recorder(label: "convd_commit_batch_size", dimensions: [], aggregate: true, factory: factory)
        commitDuration = Timer(label: "convd_commit_duration_seconds", dimensions: [], factory: factory)
    }

    /// One call answered: counted by method and status code, its latency by method. `method` is
    /// the full name for a routed method and "unknown" otherwise, so a client cannot grow the label set.
    func callAnswered(method: String, code: StatusCode, seconds: Double?) {
        calls.handle([method, code.name]).increment()
        if let seconds {
            callDurations.handle(method).recordNanoseconds(Self.nanoseconds(seconds))
        }
    }

    /// One feedback or adjustment applied, by its outcome (CREATED, INCREMENTED, ...).
    public func feedback(outcome: String) {
        feedbackOutcomes.handle(outcome).increment()
    }

    /// One group commit: how many jobs it carried and how long the transaction took.
    public func commit(jobs: Int, seconds: Double) {
        commitBatchSize.record(jobs)
        commitDuration.recordNanoseconds(Self.nanoseconds(seconds))
    }

    /// One forward attempt, by what it meant: sent, retry or dead.
    public func forwardAttempt(verdict: String) {
        Counter(label: "convd_forward_attempts_total", dimensions: [("verdict", verdict)], factory: factory).increment()
    }

    /// What is sampled at scrape time rather than counted as it happens.
    public struct Sample: Sendable {
        /// Writes waiting for the writer.
        public var queuedWrites: Int
        /// Open connections.
        public var connections: Int
        /// The daemon's resident set, bytes.
        public var residentBytes: Int
        /// Outbox items by source and state (PENDING and DEAD only).
        public var outbox: [(source: String, state: String, count: Int)]

        /// A sample.
        public init(queuedWrites: Int, connections: Int, residentBytes: Int, outbox: [(source: String, state: String, count: Int)]) {
            self.queuedWrites = queuedWrites
            self.connections = connections
            self.residentBytes = residentBytes
            self.outbox = outbox
        }
    }

    /// The Prometheus text of every metric, with `sample`'s gauges set first.
    public func exposition(_ sample: Sample) -> String {
        Gauge(label: "convd_writer_queue_depth", dimensions: [], factory: factory).record(sample.queuedWrites)
        Gauge(label: "convd_connections", dimensions: [], factory: factory).record(sample.connections)
        Gauge(label: "convd_resident_memory_bytes", dimensions: [], factory: factory).record(sample.residentBytes)
        var counts: [[String]: Int] = [:]
        for (source, state, count) in sample.outbox { counts[[source, state]] = count }
        let keys = outboxSeen.withLock { seen in
            seen.formUnion(counts.keys)
            return seen
        }
        for key in keys {
            Gauge(label: "convd_outbox_items", dimensions: [("source", key[0]), ("state", key[1])], factory: factory)
                .record(counts[key] ?? 0)
        }
        return registry.emitToString()
    }

    /// `seconds` as whole nanoseconds, saturating instead of trapping on an absurd value.
    static func nanoseconds(_ seconds: Double) -> Int64 {
        Int64(exactly: (seconds * 1e9).rounded()) ?? (seconds > 0 ? .max : 0)
    }

    /// The process's resident set in bytes, from /proc (0 where there is none).
    public static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "") else { return 0 }  // no-trap: a parse
        return kib * 1024
    }
}
