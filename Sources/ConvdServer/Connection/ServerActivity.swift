import NIOCore
import Synchronization

/// What the server as a whole tracks across connections: open connections, the gate that counts
/// calls in flight for draining, and call counters. Shared by every connection.
public final class ServerActivity: Sendable {
    private struct Connections {
        var open: [ObjectIdentifier: any Channel] = [:]
        var refusing = false
    }

    private let connections = Mutex(Connections())
    private let counters = Mutex([String: UInt64]())
    /// The calls in flight, and the drain that waits for them.
    let calls = CallGate()
    /// The Prometheus metrics every connection and service records into.
    public let metrics = ServerMetrics()

    /// Creates an empty tracker.
    public init() {}

    /// Registers a new connection unless the server is full or draining.
    /// - Returns: false when it must be refused.
    func openConnection(_ channel: any Channel, maximum: Int) -> Bool {
        connections.withLock { c in
            guard !c.refusing, c.open.count < maximum else { return false }
            c.open[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    /// Forgets a closed connection.
    func closeConnection(_ channel: any Channel) {
        _ = connections.withLock { $0.open.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Whether new calls are refused because the server is shutting down.
    var isDraining: Bool { calls.isClosed }

    /// Stops new connections and calls, ends open streams, and waits until every call in flight
    /// has answered.
    func drain() async {
        connections.withLock { $0.refusing = true }
        await calls.drain()
    }

    /// Every open connection, to close after draining.
    func openConnections() -> [any Channel] { connections.withLock { Array($0.open.values) } }

    /// Number of open connections.
    public var connectionCount: Int { connections.withLock { $0.open.count } }

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
