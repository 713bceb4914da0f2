import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdStore
import ConvdTestSupport
import Foundation

/// Durable Feedback/Record against the in-process store and raw SQLite (the default subcommand).
struct RecordBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Feedback/Record against its baselines.")
    @Option(help: "Concurrent connections (and in-process tasks), one call in flight each.") var connections = 16
    @Option(help: "Operations per phase.") var operations = 20_000
    @Option(help: "full or normal.") var durability: String = "full"
    @Option(help: "Seconds of paced load at half the peak rate.") var pacedSeconds = 5.0
    @Option(help: "More arguments for the daemon, space-separated (e.g. \"--checkpoint-interval-seconds 0.2\").")
    var daemonArgs = ""
    @Flag(help: "Measure only the in-process store ((a') and (a)), to profile the store path alone.") var inProcessOnly = false

    func run() async throws {
        let mode = Durability(rawValue: durability) ?? .full
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        print("convd bench: \(connections) connections, \(operations) operations a phase, durability \(mode.rawValue)")

        if inProcessOnly {
            let batches = try await Baselines.inProcessBatches(path: dir.file("batches.sqlite"), operations: operations, durability: mode)
            print(batches.summary)
            let (store, _) = try await Baselines.inProcessStore(path: dir.file("store.sqlite"), operations: operations,
                                                                concurrency: connections, durability: mode)
            print(store.summary)
            return
        }
        let raw = try await Baselines.rawSQLite(path: dir.file("raw.sqlite"), operations: operations, durability: mode)
        print(raw.summary)
        let batches = try await Baselines.inProcessBatches(path: dir.file("batches.sqlite"), operations: operations, durability: mode)
        print(batches.summary)
        let (store, perCommit) = try await Baselines.inProcessStore(path: dir.file("store.sqlite"), operations: operations,
                                                                    concurrency: connections, durability: mode)
        print(store.summary)
        // (b) again in (a)'s transactions (its mean commit) and in the largest its callers could fill.
        let rawAtA = try await Baselines.rawSQLite(path: dir.file("raw-a.sqlite"), operations: operations, durability: mode,
                                                   perTransaction: max(1, Int(perCommit.rounded())))
        print(rawAtA.summary)
        let rawFull = try await Baselines.rawSQLite(path: dir.file("raw-full.sqlite"), operations: operations, durability: mode,
                                                    perTransaction: connections)
        print(rawFull.summary)

        let (daemon, socket) = try await BenchDaemon.start(dir, durability: mode, deliveries: connections,
                                                           extraArguments: daemonArgs.split(separator: " ").map(String.init))
        let record = BenchDaemon.record
        let socketRun = try await SocketLoad.closedLoop(socket: socket, connections: connections, operations: operations,
                                                        name: "socket Feedback/Record, \(connections) connections", call: record)
        print(socketRun.summary)
        let paced = try await SocketLoad.paced(socket: socket, connections: connections, ratePerSecond: socketRun.perSecond / 2,
                                               seconds: pacedSeconds, name: "socket at half the peak rate", call: record)
        print(paced.summary)
        // The same schedule with a call that does no storage work: the generator's and the
        // transport's own tail (a late wake-up of the sender counts from the scheduled start too),
        // the floor under the paced Record figure on this machine.
        let pacedHealth = try await SocketLoad.paced(socket: socket, connections: connections, ratePerSecond: socketRun.perSecond / 2,
                                                     seconds: pacedSeconds, name: "socket System/Health, same schedule") { client, _ in
            _ = try await client.health()
        }
        print(pacedHealth.summary)
        let health = try await SocketLoad.closedLoop(socket: socket, connections: connections, operations: operations * 2,
                                                     name: "socket System/Health, \(connections) connections") { client, _ in
            _ = try await client.health()
        }
        print(health.summary)
        let status = try await daemon.stop()
        guard status == 0 else {
            print("convd exited with status \(status)")
            throw ExitCode(1)
        }

        print("")
        print("| measure | ops/s | p50 | p99 | p99.9 | ratio |")
        print("|---|---|---|---|---|---|")
        func row(_ m: Measurement, _ ratio: String) {
            let lat = m.latenciesMicros.isEmpty ? "| – | – | –"
                : String(format: "| %.0f µs | %.0f µs | %.0f µs", m.percentile(0.5), m.percentile(0.99), m.percentile(0.999))
            print(String(format: "| %@ | %.0f ", m.name, m.perSecond) + lat + " | \(ratio) |")
        }
        row(raw, "baseline (b)")
        row(rawAtA, String(format: "%.0f%% of (b): (b)'s rows in (a)'s transactions", 100 * rawAtA.perSecond / raw.perSecond))
        row(rawFull, String(format: "%.0f%% of (b): in the largest transactions %d callers can fill",
                            100 * rawFull.perSecond / raw.perSecond, connections))
        row(batches, String(format: "%.0f%% of (b): the same rows in the same transactions", 100 * batches.perSecond / raw.perSecond))
        row(store, String(format: "baseline (a); %.0f%% of (b), %.0f%% of (b) in its transactions", 100 * store.perSecond / raw.perSecond,
                          100 * store.perSecond / rawAtA.perSecond))
        row(socketRun, String(format: "%.0f%% of (a), %.0f%% of (b)", 100 * socketRun.perSecond / store.perSecond,
                              100 * socketRun.perSecond / raw.perSecond))
        row(paced, String(format: "p99 %.2f ms at %.0f ops/s", paced.percentile(0.99) / 1000, paced.perSecond))
        row(pacedHealth, String(format: "p99 %.2f ms: the schedule's floor", pacedHealth.percentile(0.99) / 1000))
        row(health, "transport only")
    }
}
