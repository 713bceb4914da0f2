import Synchronization

/// Counts the asynchronous calls in flight across the server and lets a shutdown wait for the
/// last one. It is the one owner of that count: calls are unstructured tasks (see
/// `ConnectionHandler` for why), so structured concurrency cannot do the counting for us.
public final class CallGate: Sendable {
    private struct State {
        var inFlight = 0
        var closed = false
        var emptyWaiters: [CheckedContinuation<Void, Never>] = []
        /// How to end each open stream: streams (Watch) never finish by themselves, so a drain ends them.
        var streamEnders: [UInt64: @Sendable () -> Void] = [:]
        var nextToken: UInt64 = 0
    }

    private let state = Mutex(State())

    /// An open gate with no call in flight.
    public init() {}

    /// Lets a call in unless the gate is closed. `onDrain` says how to end it when a drain starts
    /// (streams only). Registering both under one lock means a drain either refuses the call or
    /// knows how to end it.
    /// - Returns: a token for `leave`, or nil once the gate is closed (refuse the call).
    func enter(onDrain: (@Sendable () -> Void)? = nil) -> UInt64? {
        state.withLock { s in
            guard !s.closed else { return nil }
            s.inFlight += 1
            s.nextToken += 1
            if let onDrain { s.streamEnders[s.nextToken] = onDrain }
            return s.nextToken
        }
    }

    /// Marks a call finished, waking a drain waiting for the last one.
    func leave(_ token: UInt64) {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { s in
            s.inFlight -= 1
            s.streamEnders[token] = nil
            guard s.closed, s.inFlight == 0 else { return [] }
            defer { s.emptyWaiters = [] }
            return s.emptyWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Whether new calls are refused.
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Refuses new calls, ends open streams, and waits until every call in flight has left.
    func drain() async {
        let enders = state.withLock { s in
            s.closed = true
            return Array(s.streamEnders.values)
        }
        for end in enders { end() }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let empty: Bool = state.withLock { s in
                if s.inFlight == 0 { return true }
                s.emptyWaiters.append(c)
                return false
            }
            if empty { c.resume() }
        }
    }
}
