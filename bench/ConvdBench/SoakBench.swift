import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdStore
import ConvdTestSupport
import Foundation
import Synchronization

/// A long mixed load: connections recording feedback, connections querying (list and stats), and
/// a watch stream, printing throughput, p99 and the daemon's RSS every interval. RSS should stay
/// flat after warm-up; the last line compares it with the first report after warm-up.
struct SoakBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "soak", abstract: "Mixed load over time, watching RSS.")
    @Option(help: "Seconds to run (CI uses 60).") var seconds = 600.0
    @Option(help: "Seconds between reports.") var interval = 10.0
    @Option(help: "Connections recording feedback.") var writers = 8
    @Option(help: "Connections querying.") var readers = 2
    @Option(help: "More arguments for the daemon, space-separated (e.g. \"--page-cache-mib 16\").")
    var daemonArgs = ""

    /// One report window's counts and latencies.
    struct Window: Sendable {
        var writes = 0, reads = 0, watched = 0
        var latencies: [Double] = []
    }

    func run() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (daemon, socket) = try await BenchDaemon.start(dir, durability: .full, deliveries: writers,
                                                           extraArguments: daemonArgs.split(separator: " ").map(String.init))
        let pid = daemon.process.processIdentifier
        let window = Locked(Window())
        let (seconds, writers) = (self.seconds, self.writers)
        let start = now()
        let warmUp = min(seconds * 0.2, 60)
        var settledRSS: Double?
        var lastRSS = 0.0
        let watcher = try await ConvdClient.connect(socketPath: socket)
        // The watch ends when its connection is closed at the end; only the load's errors count.
        let watch = Task {
            for try await _ in try watcher.watchEvents() { window.withLock { $0.watched += 1 } }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<(writers + readers) {
                group.addTask {
                    let c = try await ConvdClient.connect(socketPath: socket)
                    var i = 0
                    while now() - start < seconds {
                        let t = now()
                        if w < writers {
                            try await BenchDaemon.record(c, w)
                        } else if i % 2 == 0 {
                            _ = try await c.listConversions(Convd_V1_ListConversionsRequest.with { $0.pageSize = 100 })
                        } else {
                            _ = try await c.stats(groupBy: .day)
                        }
                        let micros = (now() - t) * 1e6
                        window.withLock { win in
                            if w < writers { win.writes += 1 } else { win.reads += 1 }
                            win.latencies.append(micros)
                        }
                        i += 1
                    }
                    await c.close()
                }
            }
            var reportAt = start + interval
            while now() - start < seconds {
                try await Task.sleep(for: .milliseconds(Int64(max(1, (reportAt - now()) * 1000))))
                reportAt += interval
                let w = window.withLock { win -> Window in defer { win = Window() }; return win }
                let m = Measurement(name: "", operations: w.writes + w.reads, seconds: interval, latenciesMicros: w.latencies)
                let rss = BenchDaemon.memory(of: pid).rss
                lastRSS = rss
                if settledRSS == nil, now() - start >= warmUp { settledRSS = rss }
                print(String(format: "t=%4.0fs writes %6.0f/s reads %5.0f/s watched %6.0f/s p99 %6.2f ms RSS %6.1f MiB",
                             now() - start, Double(w.writes) / interval, Double(w.reads) / interval,
                             Double(w.watched) / interval, m.percentile(0.99) / 1000, rss))
                fflush(nil)
            }
            try await group.waitForAll()  // a failed record or query fails the soak
        }
        await watcher.close()
        _ = await watch.result
        let status = try await daemon.stop()
        guard status == 0 else {
            print("convd exited with status \(status)")
            throw ExitCode(1)
        }
        if let settledRSS {
            print(String(format: "RSS after warm-up (%.0f s) %.1f MiB, at the end %.1f MiB: %+.1f%%",
                         warmUp, settledRSS, lastRSS, 100 * (lastRSS - settledRSS) / settledRSS))
        }
    }
}
