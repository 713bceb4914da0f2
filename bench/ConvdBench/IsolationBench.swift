import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdStore
import ConvdTestSupport
import Foundation

/// How much one recipient's costly rules delay everybody else. Recipient "slow" has eight
/// backtracking-heavy rules and a connection that keeps sending it RecordBatch calls; meanwhile
/// paced `Feedback/Record` calls for another recipient and `System/Health` are timed from their
/// scheduled start. The same paced calls with "slow" idle are the baseline, in the same run.
/// RuleIsolationTests proves the order (B answers while A is evaluated); this gives the figures.
struct IsolationBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "isolation",
                                                    abstract: "Latency of other calls while one recipient's rules are slow.")
    @Option(help: "Seconds of each phase (baseline, then under the slow batches).") var seconds = 5.0
    @Option(help: "Paced calls per second of each kind.") var rate = 50.0

    func run() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (daemon, socket) = try await BenchDaemon.start(dir, durability: .full, deliveries: 1)
        let admin = try await ConvdClient.connect(socketPath: socket)
        _ = try await admin.putRecipient(Self.slowRecipient())
        for i in 0..<8 {
            var d = Convd_V1_Delivery()
            d.eventID = "A\(i)"
            d.recipientID = "slow"
            d.sourceID = "v-1"
            d.lead = ["blob": String(repeating: "a", count: 1_024)]
            _ = try await admin.recordDelivery(d)
        }
        await admin.close()

        let client = try await ConvdClient.connect(socketPath: socket)
        let baseline = try await paced(client, label: "baseline")
        let slow = try await ConvdClient.connect(socketPath: socket)
        let batches = Locked(0)
        let stop = Locked(false)
        let load = Task {
            let batch = (0..<8).map { i -> Convd_V1_FeedbackReport in
                var f = Convd_V1_FeedbackReport()
                f.eventID = "A\(i)"
                f.kind = .conversion
                f.conversionType = "Lead"
                return f
            }
            while !stop.withLock({ $0 }) {
                _ = try await slow.recordFeedbackBatch(batch)
                batches.withLock { $0 += 1 }
            }
        }
        let loaded = try await paced(client, label: "while slow's rules run")
        stop.withLock { $0 = true }
        try await load.value
        await slow.close()
        await client.close()
        let status = try await daemon.stop()
        guard status == 0 else {
            print("convd exited with status \(status)")
            throw ExitCode(1)
        }
        for (base, under) in zip(baseline, loaded) {
            print(base.summary)
            print(under.summary)
            print(String(format: "  ratio under load / baseline: p50 %.2f, p99 %.2f",
                         under.percentile(0.5) / base.percentile(0.5), under.percentile(0.99) / base.percentile(0.99)))
        }
        print("slow recipient's RecordBatch calls completed meanwhile: \(batches.withLock { $0 })")
    }

    /// Health and Record for crm-1, each `rate` per second for `seconds`, latency from each call's
    /// scheduled start (no coordinated omission).
    private func paced(_ client: ConvdClient, label: String) async throws -> [Measurement] {
        let health = LatencyLog(), record = LatencyLog()
        let interval = 1 / rate
        let count = Int(seconds * rate)
        let start = now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<count {
                let scheduled = start + Double(i) * interval
                let wait = scheduled - now()
                if wait > 0 { try await Task.sleep(for: .microseconds(Int(wait * 1e6))) }
                group.addTask {
                    _ = try await client.health()
                    health.add((now() - scheduled) * 1e6)
                }
                group.addTask {
                    try await BenchDaemon.record(client, 0)
                    record.add((now() - scheduled) * 1e6)
                }
            }
            try await group.waitForAll()
        }
        let elapsed = now() - start
        return [Measurement(name: "System/Health, \(label)", operations: count, seconds: elapsed, latenciesMicros: health.all),
                Measurement(name: "Feedback/Record (other recipient), \(label)", operations: count, seconds: elapsed,
                            latenciesMicros: record.all)]
    }

    /// Eight rules that all hold on a 1 KiB field and each cost its length times the pattern's steps.
    static func slowRecipient() -> Convd_V1_Recipient {
        var rule = Convd_V1_Rule()
        rule.field = "lead.blob"
        rule.op = .matches
        rule.values = ["^(.*a){1,60}$"]
        var node = Convd_V1_RuleNode()
        node.rule = rule
        var settings = Convd_V1_FeedbackSettings()
        settings.receiveConversions = true
        settings.defaultMode = .createNew
        settings.rules.match = .all
        settings.rules.nodes = Array(repeating: node, count: 8)
        var r = Convd_V1_Recipient()
        r.id = "slow"
        r.feedback = settings
        return r
    }
}
