import Synchronization

/// A list that concurrent tasks append to, and a test waits on: a test synchronises on "the fifth
/// element arrived", never on "50 ms passed", so a loaded machine cannot make it pass or fail early.
public final class Collected<Element: Sendable>: Sendable {
    private struct Waiter {
        var count: Int
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var items: [Element] = []
        var waiters: [UInt64: Waiter] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    /// An empty list.
    public init() {}

    /// Appends one element, waking whoever waits for this many.
    public func append(_ element: Element) {
        let due: [CheckedContinuation<Void, any Error>] = state.withLock { s in
            s.items.append(element)
            let ready = s.waiters.filter { $0.value.count <= s.items.count }
            for id in ready.keys { s.waiters[id] = nil }
            return ready.values.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }

    /// Everything appended so far, in order.
    public var values: [Element] { state.withLock { $0.items } }

    /// How many were appended.
    public var count: Int { state.withLock { $0.items.count } }

    /// Returns once at least `count` elements have been appended. The limit is not a timing
    /// expectation but a safety net: a test whose event never comes fails with a message rather
    /// than hanging CI.
    public func wait(forCount count: Int, atMost limit: Duration = .seconds(120)) async throws {
        let id = state.withLock { s -> UInt64 in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let reached = state.withLock { s -> Bool in
                if s.items.count >= count { return true }
                s.waiters[id] = Waiter(count: count, continuation: continuation)
                return false
            }
            guard !reached else { return continuation.resume() }
            Task { [weak self] in
                try? await Task.sleep(for: limit)
                guard let self, let waiter = self.state.withLock({ $0.waiters.removeValue(forKey: id) }) else { return }
                waiter.continuation.resume(throwing: WaitLimitReached(wanted: count, got: self.count, limit: limit))
            }
        }
    }
}
