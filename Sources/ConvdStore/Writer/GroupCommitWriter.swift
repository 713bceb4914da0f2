import ConvdCore
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
        let execute: @Sendable (Database) -> @Sendable ((any Error)?) -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var pending: [Job] = []
        var accepting = true
    }

    /// Counts since start, for `System/Info`.
    public struct Counters: Sendable {
        /// Transactions committed.
        public var batches: UInt64 = 0
        /// Jobs answered.
        public var jobs: UInt64 = 0
        /// Largest batch seen.
        public var largestBatch: UInt64 = 0
    }

    private let database: ConvdDatabase
    private let logger: Logger
    private let state = Mutex(State())
    private let counterBox = Mutex(Counters())
    private let wake: AsyncStream<Void>
    private let wakeContinuation: AsyncStream<Void>.Continuation

    /// Creates a writer for `database`; it writes nothing until `run()` is running.
    public init(database: ConvdDatabase, logger: Logger) {
        self.database = database
        self.logger = logger
        (wake, wakeContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Counts since start.
    public var counters: Counters { counterBox.withLock { $0 } }

    /// Runs `work` in the next batch, inside its own savepoint, and returns its result once the
    /// batch is durably committed. If `work` throws, only its savepoint is rolled back.
    /// - Throws: what `work` threw, mapped to `ConvdError`; `unavailable` after shutdown.
    public func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(ConvdError) -> T {
        do {
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let job = Job(
                    execute: { db in
                        let result: Result<T, any Error>
                        do {
                            var value: T?
                            try db.inSavepoint {
                                value = try work(db)
                                return .commit
                            }
                            result = .success(value!)
                        } catch {
                            result = .failure(error)
                        }
                        return { commitError in
                            if let commitError, case .success = result {
                                continuation.resume(throwing: commitError)
                            } else {
                                continuation.resume(with: result)
                            }
                        }
                    },
                    fail: { continuation.resume(throwing: $0) })
                let wasEmpty: Bool? = state.withLock { s in
                    guard s.accepting else { return nil }
                    s.pending.append(job)
                    return s.pending.count == 1
                }
                switch wasEmpty {
                case nil: job.fail(ConvdError.unavailable("convd is shutting down"))
                case true?: wakeContinuation.yield()
                case false?: break  // a wake-up is already pending for this batch
                }
            }
        } catch {
            throw StoreErrorMapping.map(error, context: "write")
        }
    }

    /// Commits batches until graceful shutdown, then drains what is still queued and returns.
    public func run() async throws {
        await withGracefulShutdownHandler {
            for await _ in wake { await drain() }
            await drain()
        } onGracefulShutdown: {
            self.state.withLock { $0.accepting = false }
            self.wakeContinuation.finish()
        }
    }

    private func drain() async {
        while true {
            let maxBatch = database.configuration.maxBatch
            let batch: [Job] = state.withLock { s in
                let n = min(s.pending.count, maxBatch)
                let taken = Array(s.pending.prefix(n))
                s.pending.removeFirst(n)
                return taken
            }
            if batch.isEmpty { return }
            await commit(batch)
        }
    }

    private func commit(_ batch: [Job]) async {
        do {
            let answers = try await database.pool.write { db in batch.map { $0.execute(db) } }
            counterBox.withLock { c in
                c.batches += 1
                c.jobs += UInt64(batch.count)
                c.largestBatch = max(c.largestBatch, UInt64(batch.count))
            }
            for answer in answers { answer(nil) }
        } catch {
            // The whole transaction failed to commit: nobody's write happened.
            logger.error("group commit failed", metadata: ["error": "\(error)", "jobs": "\(batch.count)"])
            for job in batch { job.fail(error) }
        }
    }
}
