import ConvdClient
import ConvdProto
import Foundation

/// Load over the real socket against a running convd.
enum SocketLoad {
    /// N connections, each with one call in flight, recording feedback as fast as answers come.
    static func closedLoop(socket: String, connections: Int, operations: Int, name: String,
                           call: @escaping @Sendable (ConvdClient, Int) async throws -> Void) async throws -> Measurement {
        try await drive(socket: socket, connections: connections, perConnection: operations / connections, name: name,
                        dueOffset: nil, call: call)
    }

    /// N connections sending at a fixed total rate (open loop), so latency is measured below saturation.
    static func paced(socket: String, connections: Int, ratePerSecond: Double, seconds: Double, name: String,
                      call: @escaping @Sendable (ConvdClient, Int) async throws -> Void) async throws -> Measurement {
        let interval = Double(connections) / ratePerSecond
        return try await drive(socket: socket, connections: connections, perConnection: Int(seconds / interval), name: name,
                               dueOffset: { w, i in interval * Double(w) / Double(connections) + Double(i) * interval },
                               call: call)
    }

    /// One connection with `inFlight` calls pipelined on it at all times, closed loop.
    static func pipelined(socket: String, inFlight: Int, operations: Int, name: String,
                          call: @escaping @Sendable (ConvdClient, Int) async throws -> Void) async throws -> Measurement {
        let client = try await ConvdClient.connect(socketPath: socket)
        let log = LatencyLog()
        let perWorker = operations / inFlight
        let start = now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<inFlight {
                group.addTask {
                    for _ in 0..<perWorker {
                        let t = now()
                        try await call(client, w)
                        log.add((now() - t) * 1e6)
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = now() - start
        await client.close()
        return Measurement(name: name, operations: perWorker * inFlight, seconds: elapsed, latenciesMicros: log.all)
    }

    /// Splits `range` into runs of `chunk` that N connections take in turn, each starting its next
    /// run as soon as `body` is done with its last (closed loop, untimed).
    static func shared(socket: String, connections: Int, range: Range<Int>, chunk: Int,
                       body: @escaping @Sendable (ConvdClient, Range<Int>) async throws -> Void) async throws {
        let next = Locked(range.lowerBound)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    let c = try await ConvdClient.connect(socketPath: socket)
                    while true {
                        let from: Int = next.withLock { n in
                            defer { n += chunk }
                            return n
                        }
                        guard from < range.upperBound else { break }
                        try await body(c, from..<min(from + chunk, range.upperBound))
                    }
                    await c.close()
                }
            }
            try await group.waitForAll()
        }
    }

    /// Runs `perConnection` calls on each of N connections, each call `i` of worker `w` starting no
    /// earlier than `dueOffset(w, i)` seconds after the start (nil: as soon as the last one answered).
    private static func drive(socket: String, connections: Int, perConnection: Int, name: String,
                              dueOffset: (@Sendable (Int, Int) -> Double)?,
                              call: @escaping @Sendable (ConvdClient, Int) async throws -> Void) async throws -> Measurement {
        let clients = try await (0..<connections).asyncMap { _ in try await ConvdClient.connect(socketPath: socket) }
        let log = LatencyLog()
        let start = now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (w, client) in clients.enumerated() {
                group.addTask {
                    for i in 0..<perConnection {
                        if let dueOffset {
                            let wait = start + dueOffset(w, i) - now()
                            if wait > 0 { try await Task.sleep(for: .microseconds(Int64(wait * 1e6))) }
                        }
                        // Timed from the call's scheduled start when paced, so a stall that delays the
                        // calls behind it shows in their latency (no coordinated omission).
                        let t = dueOffset.map { start + $0(w, i) } ?? now()
                        try await call(client, w)
                        log.add((now() - t) * 1e6)
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = now() - start
        for c in clients { await c.close() }
        return Measurement(name: name, operations: perConnection * connections, seconds: elapsed, latenciesMicros: log.all)
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
