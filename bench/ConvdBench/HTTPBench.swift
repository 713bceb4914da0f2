import ArgumentParser
import AsyncHTTPClient
import ConvdClient
import ConvdHTTP
import ConvdStore
import ConvdTestSupport
import Foundation
import NIOCore
import NIOHTTP1

/// `POST /feedback` on the HTTP listener against `Feedback/Record` on the socket, same daemon,
/// same rows, in one run, alternating two rounds: what the HTTP face (parsing, JSON, the token
/// check, the delivery lookup for the reply) costs per feedback.
struct HTTPBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "http", abstract: "POST /feedback against socket Feedback/Record.")
    @Option(help: "Connections (one call in flight each).") var connections = 16
    @Option(help: "Calls per phase.") var operations = 8_000
    @Option(help: "full or normal.") var durability = "full"

    func run() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let port = try Self.freePort()
        let secret = "bench-secret"
        let (daemon, socket) = try await BenchDaemon.start(
            dir, durability: Durability(rawValue: durability) ?? .full, deliveries: connections,
            extraArguments: ["--http-listen", "127.0.0.1:\(port)", "--http-token", "name=bench,role=recorder,sha256=\(HTTPToken.digest(of: secret))"])
        var config = HTTPClient.Configuration()
        config.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        let post: @Sendable (Int) async throws -> Void = { w in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/feedback?event_id=E\(w)")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(secret)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"type":"conversion","conversion_type":"Lead","amount":"10.00","currency":"EUR"}"#))
            let response = try await http.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .created else { throw ValidationError("POST /feedback answered \(response.status)") }
        }
        var pairs: [(Measurement, Measurement)] = []
        for round in 1...2 {
            let s = try await SocketLoad.closedLoop(socket: socket, connections: connections, operations: operations,
                                                    name: "socket Feedback/Record, \(connections) connections (round \(round))",
                                                    call: { client, w in try await BenchDaemon.record(client, w) })
            let h = try await Self.closedLoop(connections: connections, operations: operations,
                                              name: "HTTP POST /feedback, \(connections) connections (round \(round))", call: post)
            print(s.summary)
            print(h.summary)
            pairs.append((h, s))
        }
        try await http.shutdown()
        let status = try await daemon.stop()
        guard status == 0 else {
            print("convd exited with status \(status)")
            throw ExitCode(1)
        }
        for (h, s) in pairs {
            print(String(format: "HTTP / socket: throughput %.2f, p50 x%.2f, p99 x%.2f", h.perSecond / s.perSecond,
                         h.percentile(0.5) / s.percentile(0.5), h.percentile(0.99) / s.percentile(0.99)))
        }
    }

    /// N workers each with one request in flight, closed loop.
    static func closedLoop(connections: Int, operations: Int, name: String,
                           call: @escaping @Sendable (Int) async throws -> Void) async throws -> Measurement {
        let log = LatencyLog()
        let per = operations / connections
        let start = now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<connections {
                group.addTask {
                    for _ in 0..<per {
                        let t = now()
                        try await call(w)
                        log.add((now() - t) * 1e6)
                    }
                }
            }
            try await group.waitForAll()
        }
        return Measurement(name: name, operations: per * connections, seconds: now() - start, latenciesMicros: log.all)
    }

    /// A TCP port on 127.0.0.1 nothing listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw ValidationError("no free TCP port on 127.0.0.1") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
