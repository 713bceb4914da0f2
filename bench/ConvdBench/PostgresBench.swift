import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdStore
import ConvdTestSupport
import Foundation

/// Feedback/Record and RecordBatch on PostgreSQL, one daemon and two daemons sharing it, beside
/// the same calls on SQLite (the baseline), in one run.
struct PostgresBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postgres", abstract: "Record and RecordBatch on PostgreSQL (one and two daemons) against SQLite.")
    @Option(help: "The PostgreSQL server (a fresh schema is used per run). Env: CONVD_BENCH_POSTGRES.")
    var url = ProcessInfo.processInfo.environment["CONVD_BENCH_POSTGRES"] ?? ""
    @Option(help: "Concurrent connections, one call in flight each (split between two daemons).") var connections = 16
    @Option(help: "Record calls per phase.") var operations = 4_000
    @Option(help: "Feedbacks per RecordBatch call.") var batch = 100
    @Option(help: "RecordBatch calls per phase (from 4 connections).") var batches = 80

    func run() async throws {
        guard !url.isEmpty else { throw ValidationError("--url (or CONVD_BENCH_POSTGRES) must name a PostgreSQL server") }
        print("convd bench postgres: \(connections) connections, \(operations) Records, \(batches) RecordBatch of \(batch), durable")
        let sqlite = try await phase(name: "SQLite", daemons: 1, arguments: [])
        let one = try await phase(name: "PostgreSQL, 1 daemon", daemons: 1, arguments: try database())
        let two = try await phase(name: "PostgreSQL, 2 daemons", daemons: 2, arguments: try database())
        print("")
        print("| backend | Record ops/s | p50 | p99 | vs SQLite | RecordBatch feedbacks/s | vs SQLite |")
        print("|---|---|---|---|---|---|---|")
        for (label, m) in [("SQLite (baseline)", sqlite), ("PostgreSQL, 1 daemon", one), ("PostgreSQL, 2 daemons", two)] {
            print(String(format: "| %@ | %.0f | %.1f ms | %.1f ms | %.0f%% | %.0f | %.0f%% |", label, m.record.perSecond,
                         m.record.percentile(0.5) / 1000, m.record.percentile(0.99) / 1000, 100 * m.record.perSecond / sqlite.record.perSecond,
                         m.batch.perSecond * Double(batch), 100 * m.batch.perSecond / sqlite.batch.perSecond))
        }
    }

    /// `--database` for a fresh schema of the server.
    private func database() throws -> [String] {
        var c = URLComponents(string: url) ?? URLComponents()
        c.queryItems = (c.queryItems ?? []) + [URLQueryItem(name: "schema", value: TestBackend.freshSchema())]
        return ["--database", c.string ?? url]
    }

    /// Record and RecordBatch against `daemons` daemons on one database, the load split between them.
    private func phase(name: String, daemons: Int, arguments: [String]) async throws -> (record: Measurement, batch: Measurement) {
        var running: [(DaemonProcess, String, TemporaryDirectory)] = []
        for i in 0..<daemons {
            let dir = TemporaryDirectory()
            let (daemon, socket) = try await BenchDaemon.start(dir, durability: .full, deliveries: connections,
                                                               extraArguments: arguments, seed: i == 0)
            running.append((daemon, socket, dir))
        }
        let sockets = running.map(\.1)
        let size = batch
        let record = try await Self.split(sockets, connections: connections, operations: operations, name: "\(name): Record",
                                          call: BenchDaemon.record)
        print(record.summary)
        let batched = try await Self.split(sockets, connections: 4, operations: batches, name: "\(name): RecordBatch of \(size)") { client, w in
            _ = try await client.recordFeedbackBatch(Array(repeating: BenchDaemon.lead(w), count: size))
        }
        print(batched.summary)
        for (daemon, _, dir) in running {
            let status = try await daemon.stop()
            dir.remove()
            guard status == 0 else {
                print("convd exited with status \(status)")
                throw ExitCode(1)
            }
        }
        return (record, batched)
    }

    /// A closed loop split evenly over the daemons' sockets at once; throughput over the slowest.
    private static func split(_ sockets: [String], connections: Int, operations: Int, name: String,
                              call: @escaping @Sendable (ConvdClient, Int) async throws -> Void) async throws -> Measurement {
        let parts = try await withThrowingTaskGroup(of: Measurement.self) { group in
            for socket in sockets {
                group.addTask {
                    try await SocketLoad.closedLoop(socket: socket, connections: connections / sockets.count,
                                                    operations: operations / sockets.count, name: name, call: call)
                }
            }
            var all: [Measurement] = []
            for try await m in group { all.append(m) }
            return all
        }
        return Measurement(name: name, operations: parts.map(\.operations).reduce(0, +), seconds: parts.map(\.seconds).max() ?? 1,
                           latenciesMicros: parts.flatMap(\.latenciesMicros))
    }
}
