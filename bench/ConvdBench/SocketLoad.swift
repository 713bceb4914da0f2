import ConvdClient
import ConvdProto
import Foundation

/// Load over the real socket against a running convd.
enum SocketLoad {
    /// N connections, each with one call in flight, recording feedback as fast as answers come.
    static func closedLoop(socket: String, connections: Int, operations: Int, name: String,
                           call: @escaping @Sendable (ConvdClient, Int) async throws -> Void) async throws -> Measurement {
        let clients = try await (0..<connections).asyncMap { _ in try await ConvdClient.connect(socketPath: socket) }
        let log = LatencyLog()
        let per = operations / connections
        let start = now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (w, client) in clients.enumerated() {
                group.addTask {
                    for _ in 0..<per {
                        let t = now()
                        try await call(client, w)
                        log.add((now() - t) * 1e6)
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = now() - start
        for c in clients { await c.close() }
        return Measurement(name: name, operations: per * connections, seconds: elapsed, latenciesMicros: log.all)
    }

    /// N connections sending at a fixed total rate (open loop), so latency is measured below saturation.
    static func paced(socket: String, connections: Int, ratePerSecond: Double, seconds: Double, name: String,
                      call: @escaping @Sendable (ConvdClient, Int) async throws -> Void) async throws -> Measurement {
        let clients = try await (0..<connections).asyncMap { _ in try await ConvdClient.connect(socketPath: socket) }
        let log = LatencyLog()
        let interval = Double(connections) / ratePerSecond
        let count = Int(seconds / interval)
        let start = now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (w, client) in clients.enumerated() {
                group.addTask {
                    let offset = interval * Double(w) / Double(connections)
                    for i in 0..<count {
                        let due = start + offset + Double(i) * interval
                        let wait = due - now()
                        if wait > 0 { try await Task.sleep(for: .microseconds(Int64(wait * 1e6))) }
                        let t = now()
                        try await call(client, w)
                        log.add((now() - t) * 1e6)
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = now() - start
        for c in clients { await c.close() }
        return Measurement(name: name, operations: count * connections, seconds: elapsed, latenciesMicros: log.all)
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
