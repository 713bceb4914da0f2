import ConvdCore
import Logging
import PostgresNIO
import Synchronization

/// A fixed number of sessions (connections), handed to one transaction at a time. A transaction
/// that lost a race to another daemon (ABORTED: a serialization failure, a deadlock, a version
/// that moved) is rolled back and run again, so callers see it only when it keeps losing.
final class PostgresSessionPool: Sendable {
    private struct State {
        var free: [PostgresSession]
        var waiters: [(id: UInt64, continuation: CheckedContinuation<PostgresSession?, Never>)] = []
        var nextWaiter: UInt64 = 0
    }

    private let state: Mutex<State>
    /// How many sessions there are.
    let size: Int
    /// Times a transaction is run before its ABORTED is answered.
    static let attempts = 12

    init(size: Int, configuration: PostgresConnection.Configuration, logger: Logger) {
        self.size = size
        state = Mutex(State(free: (0..<size).map { PostgresSession(id: $0, configuration: configuration, logger: logger) }))
    }

    /// Runs `body` in a transaction, committing when it returns and rolling back when it throws.
    /// `lostRace` says whether a returned value is an ABORTED that must be retried too (a feedback's
    /// refusal is returned, not thrown, so its FAILED event commits).
    /// - Throws: `cancelled` when the calling task is cancelled (its deadline passed) before a try
    ///   began: nothing was applied. A try that began runs to its commit and answers its result,
    ///   so "DEADLINE_EXCEEDED means not applied" holds on PostgreSQL as on SQLite's writer.
    func transaction<T: Sendable>(_ context: String, lostRace: @escaping @Sendable (T) -> Bool = { _ in false },
                                  _ body: @escaping @Sendable (PostgresTransaction) throws -> T) async throws(ConvdError) -> T {
        guard let session = await checkout() else { throw .cancelled("\(context): withdrawn before it started") }
        defer { checkin(session) }
        var attempt = 1
        while true {
            // Checked before every try: a rolled-back try applied nothing either.
            if Task.isCancelled { throw .cancelled("\(context): withdrawn before it started") }
            let retryable = attempt < Self.attempts
            let outcome: Result<T, ConvdError> = await withCheckedContinuation { done in
                session.queue.async { done.resume(returning: Self.once(session, context, retryable ? lostRace : { _ in false }, body)) }
            }
            switch outcome {
            case .failure(.aborted) where retryable: break
            case .failure(let e): throw e
            case .success(let v): if !retryable || !lostRace(v) { return v }
            }
            attempt += 1
            try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(2 << min(attempt, 6)))))
        }
    }

    /// One try of a transaction, on the session's queue.
    private static func once<T>(_ session: PostgresSession, _ context: String, _ lostRace: (T) -> Bool,
                                _ body: (PostgresTransaction) throws -> T) -> Result<T, ConvdError> {
        let tx = PostgresTransaction(session: session)
        do {
            try tx.run("BEGIN")
            let value = try body(tx)
            try tx.run(lostRace(value) ? "ROLLBACK" : "COMMIT")
            return .success(value)
        } catch {
            _ = try? tx.run("ROLLBACK")
            return .failure(PostgresErrorMapping.map(error, context: context))
        }
    }

    /// A free session, waiting for one in turn. - Returns: nil when the task was cancelled first.
    private func checkout() async -> PostgresSession? {
        let id = state.withLock { s in
            defer { s.nextWaiter &+= 1 }
            return s.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<PostgresSession?, Never>) in
                let session: PostgresSession?? = state.withLock { s in
                    if let free = s.free.popLast() { return free }
                    if Task.isCancelled { return .some(nil) }
                    s.waiters.append((id, c))
                    return nil
                }
                if let session { c.resume(returning: session) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<PostgresSession?, Never>? in
                guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: i).continuation
            }
            waiter?.resume(returning: nil)
        }
    }

    private func checkin(_ session: PostgresSession) {
        let waiter: CheckedContinuation<PostgresSession?, Never>? = state.withLock { s in
            if s.waiters.isEmpty { s.free.append(session); return nil }
            return s.waiters.removeFirst().continuation
        }
        waiter?.resume(returning: session)
    }

    /// Closes every idle session's connection.
    func close() async {
        for s in state.withLock({ $0.free }) { await s.close() }
    }
}
