import Foundation
import AsyncHTTPClient
import ConvdCore
import ConvdStore
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// Sends due outbox items to their sources: a few at a time per source, each with its timeout,
/// classifying the answer and logging every attempt. Items stay PENDING in the database until an
/// attempt's outcome is committed, so a crash or restart re-sends them: at least once, never lost.
public final class ForwardingWorker: Service, Sendable {
    /// How the worker sends and retries.
    public struct Configuration: Sendable {
        /// Sends in flight to one source at once.
        public var maxInFlightPerSource = 4
        /// Items read per scan.
        public var batch = 64
        /// How long to wait before reading the outbox again after a read failed (busy database).
        public var readRetry = Duration.seconds(1)
        /// Waits between attempts.
        public var backoff = Backoff()
        /// Who this worker is when it leases forwards: unique among the daemons on one database and
        /// the same across restarts of one daemon, so a restarted daemon takes its own leases back
        /// at once (convd uses its socket path). Another daemon waits for the lease to run out.
        public var leaseOwner = "convd-\(ProcessInfo.processInfo.processIdentifier)"
        /// How long a lease outlasts the item's own timeout: the time to record the attempt.
        public var leaseMarginMs: Int64 = 30_000
        /// Reply bytes kept for the attempt log.
        public static let bodyPrefixBytes = 1024
        /// A forward still failing is logged as a warning after this many attempts, and each
        /// multiple of it.
        public static let warnEveryAttempts = 5
        /// Most bytes of a source's reply body read (for the success check); the rest is never read.
        public static let maxBodyBytes = 64 * 1024

        /// The defaults.
        public init() {}
    }

    private struct State {
        var inFlight: Set<Int64> = []
        var perSource: [String: Int] = [:]
        /// Sends that finished while a scan was reading: its snapshot may predate their outcome.
        var finishedDuringScan: Set<Int64> = []
        var scanning = false
        /// The earliest timed wake-up already scheduled (Unix ms), if any.
        var wakeAtMs: Int64?
        /// Outbox reads so far, for tests of idleness.
        var scans = 0
        /// A wake-up was asked for (commit, send finished, timer) and the loop has not scanned since.
        var kicked = false
        /// Its loop is running (readiness).
        var running = false
    }

    /// Whether its scan loop is running: false before `run()` and after it ended (readiness).
    public var isRunning: Bool { state.withLock { $0.running } }

    /// Outbox reads since start: with nothing pending and nothing committed it stays put.
    public var scans: Int { state.withLock { $0.scans } }

    /// Whether nothing is due to wake the worker: no scan running or asked for, no send in flight,
    /// no retry timer set (a re-read after a database error aside). Once idle, only a commit wakes it.
    public var isIdle: Bool {
        state.withLock { !$0.kicked && !$0.scanning && $0.inFlight.isEmpty && $0.wakeAtMs == nil }
    }

    private let storage: any ConvdStorage
    private let http: HTTPClient
    private let clock: any WallClock
    private let configuration: Configuration
    private let logger: Logger
    private let metrics: ServerMetrics?
    private let state = Mutex(State())
    private let kick: AsyncStream<Void>
    private let kickContinuation: AsyncStream<Void>.Continuation

    /// The HTTP client configuration forwards need: a short connect timeout, since the client
    /// otherwise retries a refused connection until the request's whole deadline, and the
    /// worker's own backoff already retries.
    public static var httpConfiguration: HTTPClient.Configuration {
        var c = HTTPClient.Configuration()
        c.timeout.connect = .seconds(2)
        return c
    }

    /// A worker sending with `http`.
    public init(storage: any ConvdStorage, http: HTTPClient, clock: any WallClock, configuration: Configuration = .init(),
                metrics: ServerMetrics? = nil, logger: Logger) {
        self.metrics = metrics
        self.storage = storage
        self.http = http
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        (kick, kickContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Scans and sends until graceful shutdown; sends in flight then are cancelled and stay
    /// PENDING, to be sent again after the next start.
    public func run() async throws {
        state.withLock { $0.running = true }
        defer { state.withLock { $0.running = false } }
        do {
            try await scanAndSend()
        } catch where Task.isShuttingDownGracefully || Task.isCancelled {
            // Asked to stop: what was in flight stays PENDING, to be sent after the next start.
        }
    }

    private func scanAndSend() async throws {
        try await cancelWhenGracefulShutdown {
            try await withThrowingDiscardingTaskGroup { group in
                // Wake-ups: each commit that queued forwards or retried dead ones (new items), a
                // finished send (the next of its conversion, or a source's free slot), and a timer
                // set for the next retry falling due. No periodic tick, and a commit that queued
                // nothing does not wake it: with nothing pending the worker does not wake at all.
                group.addTask {
                    for await _ in self.storage.forwardsNotifier.subscribe() { self.kickLoop() }
                }
                var wakes = self.kick.makeAsyncIterator()
                repeat {
                    do {
                        // One "now" for both reads: an item is either due (read and launched, or in
                        // flight, or waiting for a send to finish, each of which wakes the loop) or
                        // later than now (the timer's). Two clocks would let one fall between.
                        let now = self.clock.nowMs()
                        for item in try await self.launchable(nowMs: now) {
                            group.addTask { await self.send(item) }
                        }
                        if let due = try await self.storage.nextForwardDueAtMs(after: now, leaseOwner: self.configuration.leaseOwner), self.schedule(due) {
                            group.addTask { await self.wake(at: due, after: .milliseconds(due - now)) }
                        }
                    } catch where !Task.isCancelled {
                        // A busy or failing database must not stop forwarding for good: log, read again soon.
                        self.logger.warning("cannot read the outbox", metadata: ["error": "\(error)"])
                        group.addTask { await self.wake(at: nil, after: self.configuration.readRetry) }
                    }
                } while await wakes.next() != nil && !Task.isCancelled
                group.cancelAll()
            }
        }
    }

    /// Whether a timer for `dueMs` is needed: none is set, or it is set for later.
    private func schedule(_ dueMs: Int64) -> Bool {
        state.withLock { s in
            if let at = s.wakeAtMs, at <= dueMs { return false }
            s.wakeAtMs = dueMs
            return true
        }
    }

    /// Sleeps `delay`, then wakes the scan loop (also when cancelled at shutdown, which is harmless).
    private func wake(at dueMs: Int64?, after delay: Duration) async {
        try? await Task.sleep(for: delay)
        state.withLock { s in if s.wakeAtMs == dueMs { s.wakeAtMs = nil } }
        kickLoop()
    }

    /// Asks the loop for a scan (one pending ask stands for any number).
    private func kickLoop() {
        state.withLock { $0.kicked = true }
        kickContinuation.yield()
    }

    private func launchable(nowMs: Int64) async throws -> [OutboxItem] {
        // A send's outcome is committed before it leaves `inFlight`. So an item that left before
        // this scan's read began is seen done by the read; one that leaves during the read is
        // remembered here and skipped, or it would be sent twice.
        state.withLock { s in
            s.scanning = true
            s.kicked = false
            s.scans += 1
            s.finishedDuringScan.removeAll()
        }
        let due: [OutboxItem]
        do {
            due = try await storage.dueForwards(nowMs: nowMs, limit: configuration.batch, leaseOwner: configuration.leaseOwner)
        } catch {
            state.withLock { $0.scanning = false }
            throw error
        }
        let chosen = state.withLock { s in
            s.scanning = false
            return due.filter { item in
                guard !s.inFlight.contains(item.id), !s.finishedDuringScan.contains(item.id),
                      s.perSource[item.sourceID, default: 0] < configuration.maxInFlightPerSource else {
                    return false
                }
                s.inFlight.insert(item.id)
                s.perSource[item.sourceID, default: 0] += 1
                return true
            }
        }
        // Leased before sending: with a second daemon on the database, the one whose claim commits
        // first sends the attempt and the other leaves it.
        let leaseMs = Int64(clamping: chosen.map(\.timeoutMs).max() ?? 0) + configuration.leaseMarginMs
        let claimed: Set<Int64>
        do {
            claimed = try await storage.claimForwards(ids: chosen.map(\.id), owner: configuration.leaseOwner, nowMs: nowMs, leaseMs: leaseMs)
        } catch {
            release(chosen)
            throw error
        }
        release(chosen.filter { !claimed.contains($0.id) })
        return chosen.filter { claimed.contains($0.id) }
    }

    /// Gives back the places of items chosen but not sent.
    private func release(_ items: [OutboxItem]) {
        guard !items.isEmpty else { return }
        state.withLock { s in
            for item in items {
                s.inFlight.remove(item.id)
                s.perSource[item.sourceID, default: 1] -= 1
            }
        }
    }

    private func send(_ item: OutboxItem) async {
        defer {
            state.withLock { s in
                s.inFlight.remove(item.id)
                s.perSource[item.sourceID, default: 1] -= 1
                if s.scanning { s.finishedDuringScan.insert(item.id) }
            }
            kickLoop()
        }
        let started = clock.nowMs()
        var statusCode = 0
        var body = "", successChecked = ""
        var transportError: String?
        do {
            var request = HTTPClientRequest(url: item.request.url)
            request.method = HTTPMethod(rawValue: item.request.method)
            for (name, value) in item.request.headers { request.headers.replaceOrAdd(name: name, value: value) }
            request.headers.replaceOrAdd(name: "Idempotency-Key", value: item.idempotencyKey)
            if !item.request.contentType.isEmpty {
                request.headers.replaceOrAdd(name: "Content-Type", value: item.request.contentType)
                request.body = .bytes(ByteBuffer(bytes: item.request.body))
            }
            let response = try await http.execute(request, timeout: .milliseconds(Int64(clamping: item.timeoutMs)))
            statusCode = Int(clamping: response.status.code)
            // Read at most `maxBodyBytes` and then stop (leaving the loop closes the stream), so a
            // source answering with an endless body costs neither memory nor the rest of the timeout.
            var kept = ByteBuffer()
            for try await chunk in response.body {
                var c = chunk
                kept.writeBuffer(&c)
                if kept.readableBytes >= Configuration.maxBodyBytes { break }
            }
            let read = kept.readableBytesView.prefix(Configuration.maxBodyBytes)
            successChecked = String(decoding: read, as: UTF8.self)
            body = String(decoding: read.prefix(Configuration.bodyPrefixBytes), as: UTF8.self)
        } catch {
            if Task.isCancelled { return }  // shutting down: stays PENDING, sent again after restart
            transportError = Self.describe(error)
        }
        let verdict = ForwardVerdict.classify(statusCode: statusCode, body: successChecked,
                                              successBodyContains: item.successBodyContains, transportError: transportError)
        let finished = clock.nowMs()
        var rng = SystemRandomNumberGenerator()
        let retryAt = finished + configuration.backoff.delayMs(afterAttempt: item.attempts + 1, using: &rng)
        let attempt = ForwardAttempt(atMs: started, statusCode: statusCode, bodyPrefix: body,
                                     durationMs: Int(clamping: finished &- started), error: transportError ?? verdictReason(verdict))
        do {
            try await storage.recordForwardAttempt(item, attempt: attempt, verdict: verdict, retryAtMs: retryAt)
        } catch {
            logger.error("cannot record a forward attempt", metadata: ["forward": "\(item.id)", "error": "\(error)"])
        }
        logger.debug("forward attempt", metadata: ["forward": "\(item.id)", "status": "\(statusCode)", "verdict": "\(verdict)"])
        // Never the URL, headers or body: they may carry a source's key or a lead's data.
        let facts: Logger.Metadata = [
            "forward": "\(item.id)", "source": "\(item.sourceID)", "conversion": "\(item.conversionID)",
            "attempts": "\(item.attempts + 1)", "status": "\(statusCode)", "reason": "\(attempt.error)",
        ]
        switch item.state(afterAttempt: verdict) {
        case .sent: metrics?.forwardAttempt(verdict: "sent")
        case .pending:
            metrics?.forwardAttempt(verdict: "retry")
            if (item.attempts + 1) % Configuration.warnEveryAttempts == 0 {
                logger.warning("forward still failing; retrying", metadata: facts)
            }
        case .dead:
            metrics?.forwardAttempt(verdict: "dead")
            logger.warning("forward given up (DEAD); `convctl forward retry` sends it again", metadata: facts)
        }
    }

    private func verdictReason(_ v: ForwardVerdict) -> String {
        switch v {
        case .sent: ""
        case .retry(let reason), .dead(let reason): reason
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let e = error as? HTTPClientError {
            if e == .deadlineExceeded || e == .readTimeout || e == .connectTimeout { return "timed out" }
            return "\(e)"
        }
        return "\(error)"
    }
}
