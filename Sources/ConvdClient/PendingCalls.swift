import ConvdWire
import Foundation
import Synchronization

/// The calls of one connection waiting for replies, by call_id. Registered from any task,
/// completed from the event loop; a lock keeps the two apart.
final class PendingCalls: Sendable {
    enum Waiter: Sendable {
        case unary(CheckedContinuation<Data, any Error>)
        /// A streaming call: `yield` takes each part, `finish` the end (nil) or the error.
        case stream(yield: @Sendable (Data) -> Void, finish: @Sendable ((any Error)?) -> Void)
    }

    private struct State {
        var nextID: UInt64 = 1
        var waiters: [UInt64: Waiter] = [:]
        /// Set once the connection is gone: every later call fails at once with it.
        var closed: StatusError?
    }

    private let state = Mutex(State())

    /// A fresh call id, never 0.
    func nextID() -> UInt64 {
        state.withLock { s in
            defer { s.nextID &+= 1; if s.nextID == 0 { s.nextID = 1 } }
            return s.nextID
        }
    }

    /// Registers `waiter` for `id`. - Returns: the error to fail with when the connection is closed.
    func register(_ id: UInt64, _ waiter: Waiter) -> StatusError? {
        state.withLock { s in
            if let closed = s.closed { return closed }
            s.waiters[id] = waiter
            return nil
        }
    }

    /// Delivers one reply to its waiter.
    func deliver(id: UInt64, status: Status, payload: Data, more: Bool) {
        let waiter: Waiter? = state.withLock { s in
            guard let w = s.waiters[id] else { return nil }
            if !more || status.code != .ok { s.waiters[id] = nil }
            return w
        }
        switch waiter {
        case .unary(let c)?:
            if status.code == .ok { c.resume(returning: payload) } else { c.resume(throwing: StatusError(status)) }
        case .stream(let yield, let finish)?:
            if status.code != .ok {
                finish(StatusError(status))
            } else if more {
                yield(payload)
            } else {
                finish(nil)
            }
        case nil:
            break  // answered already (timed out locally or cancelled)
        }
    }

    /// Fails one call locally (local deadline, cancellation) if it is still waiting.
    func fail(id: UInt64, _ error: StatusError) {
        let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
        Self.fail(waiter, error)
    }

    /// Fails every waiting call and every later one: the connection is gone.
    func closeAll(_ error: StatusError) {
        let waiters: [Waiter] = state.withLock { s in
            if s.closed == nil { s.closed = error }
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for w in waiters { Self.fail(w, error) }
    }

    private static func fail(_ waiter: Waiter?, _ error: StatusError) {
        switch waiter {
        case .unary(let c)?: c.resume(throwing: error)
        case .stream(_, let finish)?: finish(error)
        case nil: break
        }
    }
}
