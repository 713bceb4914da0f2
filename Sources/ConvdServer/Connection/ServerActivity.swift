import NIOCore
import Synchronization

/// What the server as a whole tracks across connections: open connections, calls in flight,
/// whether it is draining for shutdown, and call counters. Shared by every connection.
public final class ServerActivity: Sendable {
    private struct State {
        var connections: [ObjectIdentifier: any Channel] = [:]
        var callsInFlight = 0
        var draining = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
        /// How to end each open stream: streams (Watch) never finish by themselves, so a drain ends them.
        var streams: [UInt64: @Sendable () -> Void] = [:]
        var nextToken: UInt64 = 0
    }

    private let state = Mutex(State())
    private let counters = Mutex([String: UInt64]())

    /// Creates an empty tracker.
    public init() {}

    /// Registers a new connection unless the server is full or draining.
    /// - Returns: false when it must be refused.
    func openConnection(_ channel: any Channel, maximum: Int) -> Bool {
        state.withLock { s in
            guard !s.draining, s.connections.count < maximum else { return false }
            s.connections[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    /// Forgets a closed connection.
    func closeConnection(_ channel: any Channel) {
        _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Counts a call that runs asynchronously. `onDrain` says how to end it when a drain starts:
    /// streams (Watch) never end by themselves. Registering both under one lock means a drain
    /// either refuses the call or knows how to end it.
    /// - Returns: a token for `endCall`, or nil while draining (refuse the call).
    func beginCall(onDrain: (@Sendable () -> Void)? = nil) -> UInt64? {
        state.withLock { s in
            guard !s.draining else { return nil }
            s.callsInFlight += 1
            s.nextToken += 1
            if let onDrain { s.streams[s.nextToken] = onDrain }
            return s.nextToken
        }
    }

    /// Marks an asynchronous call finished, waking a shutdown waiting for the last one.
    func endCall(_ token: UInt64) {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { s in
            s.callsInFlight -= 1
            s.streams[token] = nil
            guard s.draining, s.callsInFlight == 0 else { return [] }
            defer { s.idleWaiters = [] }
            return s.idleWaiters
        }
        for w in waiters { w.resume() }
    }

    /// Whether new calls are refused because the server is shutting down.
    var isDraining: Bool { state.withLock { $0.draining } }

    /// Stops new calls, ends open streams, and waits until every call in flight has answered.
    func drain() async {
        let streams = state.withLock { s in
            s.draining = true
            return Array(s.streams.values)
        }
        for end in streams { end() }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let ready: Bool = state.withLock { s in
                s.draining = true
                if s.callsInFlight == 0 { return true }
                s.idleWaiters.append(c)
                return false
            }
            if ready { c.resume() }
        }
    }

    /// Every open connection, to close after draining.
    func openConnections() -> [any Channel] { state.withLock { Array($0.connections.values) } }

    /// Number of open connections.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    /// Adds one to the counter `name`.
    func count(_ name: String) {
        counters.withLock { $0[name, default: 0] += 1 }
    }

    /// The call counters since start.
    public func snapshot() -> [String: UInt64] {
        var result = counters.withLock { $0 }
        result["connections.open"] = UInt64(clamping: connectionCount)
        return result
    }
}
