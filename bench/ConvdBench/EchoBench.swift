import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdStore
import ConvdTestSupport
import Foundation
import NIOPosix

/// `System/Health` on convd against a minimal SwiftNIO echo of the same wire (`EchoServer`), in
/// one run: at N connections with one call in flight each, and on one connection with N calls in
/// flight. The ratio is what convd's routing, roles, limits and bookkeeping cost per call.
struct EchoBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "echo",
                                                    abstract: "Health on convd against a minimal NIO echo server.")
    @Option(help: "Connections (and calls in flight on the one-connection run).") var connections = 16
    @Option(help: "Calls per phase.") var operations = 40_000

    func run() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let echoPath = dir.file("echo.sock")
        // The echo runs in its own process, as convd does, so neither shares the load generator's threads.
        let echo = Process()
        echo.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        echo.arguments = ["echo-serve", "--socket", echoPath]
        try echo.run()
        defer { echo.terminate(); echo.waitUntilExit() }
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: echoPath) { try await Task.sleep(for: .milliseconds(25)) }
        let (daemon, socket) = try await BenchDaemon.start(dir, durability: .full, deliveries: 0)
        let health: @Sendable (ConvdClient, Int) async throws -> Void = { client, _ in _ = try await client.health() }
        var rows: [(String, Measurement, Measurement)] = []
        for round in 1...2 {  // twice, alternating, so a noisy neighbour hits both sides alike
            let e = try await SocketLoad.closedLoop(socket: echoPath, connections: connections, operations: operations,
                                                    name: "echo, \(connections) connections (round \(round))", call: health)
            let c = try await SocketLoad.closedLoop(socket: socket, connections: connections, operations: operations,
                                                    name: "convd System/Health, \(connections) connections (round \(round))", call: health)
            let ep = try await SocketLoad.pipelined(socket: echoPath, inFlight: connections, operations: operations,
                                                    name: "echo, 1 connection x \(connections) in flight (round \(round))", call: health)
            let cp = try await SocketLoad.pipelined(socket: socket, inFlight: connections, operations: operations,
                                                    name: "convd System/Health, 1 connection x \(connections) in flight (round \(round))",
                                                    call: health)
            for m in [e, c, ep, cp] { print(m.summary) }
            rows.append(("\(connections) connections", c, e))
            rows.append(("1 connection x \(connections)", cp, ep))
        }
        let status = try await daemon.stop()
        guard status == 0 else {
            print("convd exited with status \(status)")
            throw ExitCode(1)
        }
        print("convd / echo (target >= 0.60):")
        for (shape, convd, echo) in rows {
            print(String(format: "  %@: throughput %.2f, p50 latency x%.2f", shape, convd.perSecond / echo.perSecond,
                         convd.percentile(0.5) / echo.percentile(0.5)))
        }
    }
}
