import ConvdCore
import Foundation
import GRDB
import Logging
import ServiceLifecycle
import Synchronization

/// The single writer. Write jobs that arrive together are run in one transaction, each in its own
/// savepoint, committed once, and only then is each caller answered with its own result. One
/// fsync is shared by the whole batch, which is what keeps synchronous=FULL fast.
public final class GroupCommitWriter: Service, Sendable {
    /// A job runs inside the batch transaction and returns how to answer its caller once the
    /// commit's fate is known (nil: committed).
    private struct Job: Sendable {
        /// Runs the job in the open transaction, in its own savepoint when `inSavepoint`.
        let execute: @Sendable (Database, _ inSavepoint: Bool) -> (answer: @Sendable ((any Error)?) -> Void, error: (any Error)?)
        let fail: @Sendable (any Error) -> Void
        /// Run without the job savepoint, sharing its transaction only with other large jobs (see
        /// `write(large:_:)`).
        let large: Bool
        /// Moved from queued to started by the writer, or to abandoned by the caller's
        /// cancellation (deadline, client cancel, disconnect): exactly one of them wins, so an
        /// abandoned job is never applied and a started one is always answered with its result.
        let claim: JobClaim
    }

    /// The queue between callers and the writer thread, guarded by `condition`.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var pending: [Job] = []
        var accepting = true
        var stopping = false
        /// Large jobs queued when the last commit's callers were answered: writers other than those,
        /// who may come back, and with them the most a large write can expect to share its commit.
        var largeQueuedAtAnswer = 0
    }

    /// Counts since start, for `System/Info`.
    public struct Counters: Sendable {
        /// Transactions committed.
        public var batches: UInt64 = 0
        /// Jobs answered.
        public var jobs: UInt64 = 0
        /// Largest batch seen.
        public var largestBatch: UInt64 = 0
        /// Times a large write waited all of `DatabaseConfiguration.largeWriteGatherMs` for others
        /// it expected and committed without them.
        public var gatherTimeouts: UInt64 = 0
    }

    private let database: ConvdDatabase
    private let logger: Logger
    private let queue = Queue()
    private let counterBox = Mutex(Counters())
    /// Whether the refusal of writes after a newer convd's migration has been logged.
    private let newerSchemaLogged = Atomic(false)

    /// Most writes waiting for the writer at once; one more is refused with RESOURCE_EXHAUSTED
    /// rather than queued without bound.
    public let maxQueuedWrites: Int

    /// Told of each committed batch: its jobs and the seconds its transaction took (for metrics).
    private let commitObserver: (@Sendable (_ jobs: Int, _ seconds: Double) -> Void)?

    /// Creates a writer for `database`; it writes nothing until `run()` is running.
    public init(database: ConvdDatabase, logger: Logger, maxQueuedWrites: Int = 10_000,
                commitObserver: (@Sendable (_ jobs: Int, _ seconds: Double) -> Void)? = nil) {
        self.database = database
        self.logger = logger
        self.maxQueuedWrites = maxQueuedWrites
        self.commitObserver = commitObserver
    }

    /// Counts since start.
    public var counters: Counters { counterBox.withLock { $0 } }

    /// Writes waiting for the writer thread now (not counting the batch it is committing).
    public var queuedWrites: Int {
        queue.condition.lock()
        defer { queue.condition.unlock() }
        return queue.pending.count
    }

    /// Wakes subscribers after each committed batch (the WAL checkpointer waits on it, so an idle
    /// daemon has nothing to checkpoint and does not wake).
    public let commits = EventNotifier()

    /// Runs `work` in the next batch, inside its own savepoint, and returns its result once the
    /// batch is durably committed. If `work` throws, only its savepoint is rolled back.
    ///
    /// A job that is the only one in its transaction runs without the savepoint (if it throws, the
    /// transaction is rolled back instead). That matters for a large job: SQLite keeps statement
    /// journals in memory in a list of 1 KiB chunks, and while any savepoint is open each
    /// statement's end walks that list from its start, so n feedbacks inside one savepoint cost
    /// n² steps (16% of a RecordBatch of 100 on the writer thread, measured with perf). A `large`
    /// job therefore never runs in a savepoint: it shares its transaction only with other large
    /// jobs (up to `maxLargeJobsPerCommit`, which keeps the shared commit that makes ingest at size
    /// cheaper; it waits up to `DatabaseConfiguration.largeWriteGatherMs` for those it expects),
    /// and when one of those throws, the transaction is rolled back and each of them is
    /// run again in a transaction of its own, so a failed job never leaves a write behind and a
    /// good one is applied once.
    ///
    /// Cancelling the calling task before the writer starts the job withdraws it: it is never
    /// applied, and this throws `ConvdError.cancelled`. Once started, the job runs to its commit and
    /// its real result is returned, cancelled or not; so a caller told "cancelled" knows nothing
    /// was written.
    /// - Throws: what `work` threw, mapped to `ConvdError`; `unavailable` after shutdown;
    ///   `resourceExhausted` when `maxQueuedWrites` are waiting; `cancelled` when withdrawn.
    public func write<T: Sendable>(large: Bool = false, _ work: @escaping @Sendable (Database) throws -> T) async throws(ConvdError) -> T {
        let claim = JobClaim()
        do {
            return try await withTaskCancellationHandler {
                try await enqueue(work, large: large, claim: claim)
            } onCancel: {
                claim.withdraw()
            }
        } catch {
            throw StoreErrorMapping.map(error, context: "write")
        }
    }

    private func enqueue<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T, large: Bool, claim: JobClaim) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let job = Job(
                    execute: { db, inSavepoint in
                        let result: Result<T, any Error>
                        do {
                            result = .success(try inSavepoint ? db.inCachedSavepoint("job") { try work(db) } : work(db))
                        } catch {
                            result = .failure(error)
                        }
                        let answer: @Sendable ((any Error)?) -> Void = { commitError in
                            if let commitError, case .success = result {
                                continuation.resume(throwing: commitError)
                            } else {
                                continuation.resume(with: result)
                            }
                        }
                        if case .failure(let error) = result { return (answer, error) }
                        return (answer, nil)
                    },
                    fail: { continuation.resume(throwing: $0) },
                    large: large,
                    claim: claim)
                // Cancelled before it was even queued: answer at once, never queue it.
                guard claim.onWithdraw({ continuation.resume(throwing: CancellationError()) }) else {
                    return continuation.resume(throwing: CancellationError())
                }
                queue.condition.lock()
                // Refused without queueing: take the claim first, so a cancellation arriving later
                // cannot answer the caller a second time (and one that came first already has).
                guard queue.accepting else {
                    queue.condition.unlock()
                    if claim.start() { job.fail(ConvdError.unavailable("convd is shutting down")) }
                    return
                }
                guard queue.pending.count < maxQueuedWrites else {
                    let waiting = queue.pending.count
                    queue.condition.unlock()
                    if claim.start() {
                        job.fail(ConvdError.resourceExhausted("the writer has \(waiting) writes waiting (maximum \(maxQueuedWrites)); retry later"))
                    }
                    return
                }
                queue.pending.append(job)
                queue.condition.signal()
                queue.condition.unlock()
        }
    }

    /// Commits batches on a dedicated thread until graceful shutdown, then drains what is still
    /// queued and returns. The thread blocks on a condition and writes synchronously, so a batch
    /// costs no task or dispatch-queue hops: callers are resumed straight from it after the commit.
    public func run() async throws {
        // Graceful shutdown and cancellation (a sibling service failed) both stop the thread
        // after it has written everything already queued.
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                    let thread = Thread { [self] in
                        loop()
                        done.resume()
                    }
                    thread.name = "convd-writer"
                    thread.start()
                }
            } onGracefulShutdown: {
                self.stop()
            }
        } onCancel: {
            self.stop()
        }
    }

    private static func isFull(_ error: any Error) -> Bool {
        if let db = error as? DatabaseError { return db.resultCode == .SQLITE_FULL }
        if case .resourceExhausted(let m)? = error as? ConvdError { return m.contains("database is full") }
        return false
    }

    private func stop() {
        queue.condition.lock()
        queue.accepting = false
        queue.stopping = true
        queue.condition.signal()
        queue.condition.unlock()
    }

    private func loop() {
        let maxJobsPerCommit = database.configuration.maxJobsPerCommit
        let gather = Double(database.configuration.largeWriteGatherMs) / 1000
        // Large writes in the last commit (0 if it was small ones).
        var lastLarge = 0
        while true {
            queue.condition.lock()
            // The writers with a large write in since the last commit began: its own, answered just
            // now and expected back, and those that had queued before they were answered. Counting
            // the queue now instead would count a writer that is already back twice, and hold a lone
            // writer's next batch the whole gather for itself (one connection sending RecordBatches
            // one after another: 2,900 feedbacks/s instead of 22,000, when its next batch beat the
            // writer back here).
            let expected = min(lastLarge + queue.largeQueuedAtAnswer, maxJobsPerCommit, Self.maxLargeJobsPerCommit)
            queue.largeQueuedAtAnswer = 0
            while queue.pending.isEmpty && !queue.stopping { queue.condition.wait() }
            if queue.pending.isEmpty {  // stopping, and everything queued is written
                queue.condition.unlock()
                return
            }
            var n = Self.batchLength(queue.pending, maxJobsPerCommit: maxJobsPerCommit)
            if queue.pending[0].large && gather > 0 {
                let deadline = Date(timeIntervalSinceNow: gather)
                // Only while nothing small is queued behind them: a small write never waits for this.
                while n < expected && n == queue.pending.count && !queue.stopping {
                    let woken = queue.condition.wait(until: deadline)
                    n = Self.batchLength(queue.pending, maxJobsPerCommit: maxJobsPerCommit)
                    guard woken else {
                        counterBox.withLock { $0.gatherTimeouts += 1 }
                        break
                    }
                }
            }
            lastLarge = queue.pending[0].large ? n : 0
            let batch = Array(queue.pending.prefix(n))
            queue.pending.removeFirst(n)
            queue.condition.unlock()
            commit(batch)
        }
    }

    /// Most large jobs (`write(large:_:)`) in one transaction: 4 RecordBatches of 1,000 share
    /// one commit, and its pages, as they did before large jobs lost their savepoint.
    public static let maxLargeJobsPerCommit = 4

    /// How many of the first `pending` jobs go into the next transaction: a run of small jobs (up to
    /// `maxJobsPerCommit`) or a run of large ones (up to `maxLargeJobsPerCommit`), never both.
    private static func batchLength(_ pending: [Job], maxJobsPerCommit: Int) -> Int {
        guard let first = pending.first else { return 0 }
        let limit = first.large ? min(maxJobsPerCommit, maxLargeJobsPerCommit) : maxJobsPerCommit
        var n = 0
        for job in pending.prefix(limit) {
            if job.large != first.large { break }
            n += 1
        }
        return n
    }

    /// How many large jobs lead `pending`.
    private static func largeRun(_ pending: [Job]) -> Int {
        pending.prefix { $0.large }.count
    }

    /// Thrown out of a transaction whose jobs run without savepoints, to roll it back.
    private struct UnsavedJobFailed: Error {}

    private func commit(_ claimed: [Job]) {
        // A job its caller withdrew was answered already and is dropped unapplied.
        let batch = claimed.filter { $0.claim.start() }
        guard !batch.isEmpty else { return }
        if batch.count > 1 && batch.allSatisfy(\.large) {
            // No savepoints: if one throws, nothing can be kept apart from it, so all run again alone.
            guard !commitTransaction(batch, inSavepoints: false) else { return }
            for job in batch { _ = commitTransaction([job], inSavepoints: false) }
            return
        }
        _ = commitTransaction(batch, inSavepoints: batch.count > 1)
    }

    /// Runs `batch` in one transaction and answers every job. Without savepoints, a job that throws
    /// rolls the transaction back: alone, it is answered with its own error; with others, nobody
    /// is answered and this returns false for the caller to run them again.
    private func commitTransaction(_ batch: [Job], inSavepoints: Bool) -> Bool {
        var fullError: (any Error)?
        var unsavedFailure: (answer: @Sendable ((any Error)?) -> Void, error: any Error)?
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let answers = try database.pool.write { db in
                try SchemaStamp.checkWritable(db, path: database.configuration.path)
                return try batch.map { job in
                    let (answer, error) = job.execute(db, inSavepoints)
                    if !inSavepoints, let error {
                        unsavedFailure = (answer, error)
                        throw UnsavedJobFailed()
                    }
                    if fullError == nil, let error, Self.isFull(error) { fullError = error }
                    return answer
                }
            }
            counted(batch.count, since: started)
            noteQueuedAtAnswer()
            for answer in answers { answer(nil) }
        } catch let newer as SchemaStamp.NewerSchema {
            noteQueuedAtAnswer()
            // Every write from now on is refused the same way; saying so once is enough.
            if !newerSchemaLogged.exchange(true, ordering: .relaxed) {
                logger.error("the database was migrated by a newer convd; refusing every write until restarted",
                             metadata: ["schema": "\(newer.stamp)", "known": "\(SchemaStamp.current)"])
            }
            for job in batch { job.fail(newer.refusal) }
        } catch is UnsavedJobFailed {
            guard batch.count == 1, let failure = unsavedFailure else { return false }
            noteQueuedAtAnswer()
            // Rolled back, as its savepoint would have been: the caller hears the job's own error.
            if Self.isFull(failure.error) { logger.warning("database is full; a batch was refused", metadata: ["jobs": "1"]) }
            counterBox.withLock { $0.jobs &+= 1 }
            failure.answer(nil)
        } catch {
            noteQueuedAtAnswer()
            // SQLite rolls the whole transaction back on a full database and then reports
            // "transaction was aborted" at commit; every caller hears the cause, not the symptom.
            if let full = fullError {
                logger.warning("database is full; a batch was refused", metadata: ["jobs": "\(batch.count)"])
                for job in batch { job.fail(full) }
                return true
            }
            // The whole transaction failed to commit: nobody's write happened.
            logger.error("group commit failed", metadata: ["error": "\(error)", "jobs": "\(batch.count)"])
            for job in batch { job.fail(error) }
        }
        return true
    }

    /// Notes the large jobs queued before this commit's callers are answered (see `loop`).
    private func noteQueuedAtAnswer() {
        queue.condition.lock()
        queue.largeQueuedAtAnswer = Self.largeRun(queue.pending)
        queue.condition.unlock()
    }

    private func counted(_ jobs: Int, since started: UInt64) {
        counterBox.withLock { c in
            c.batches += 1
            c.jobs &+= UInt64(clamping: jobs)
            c.largestBatch = max(c.largestBatch, UInt64(clamping: jobs))
        }
        commits.notify()
        commitObserver?(jobs, Double(DispatchTime.now().uptimeNanoseconds &- started) / 1e9)
    }
}
