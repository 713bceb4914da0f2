import ArgumentParser
import ConvdClient
import ConvdProto
import Foundation

/// The Swift client's side of `bench/python-client-bench`: the same calls the Python clients make,
/// against a daemon that script started and seeded, so the three clients are compared in one run.
/// Closed loop: each of `inFlight` workers sends its next call when the previous one answers.
struct ClientBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "client",
                                                    abstract: "The Swift client's throughput against a running daemon.")
    @Option(help: "The daemon's socket.") var socket: String
    @Option(help: "Calls per phase.") var calls = 5_000
    @Option(help: "Calls in flight on the one connection (1: one after another).") var inFlight = 1
    @Option(help: "Delivery event ID the Record calls report on (seeded by the caller).") var eventID = "E0"

    func run() async throws {
        let client = try await ConvdClient.connect(socketPath: socket)
        var report = Convd_V1_FeedbackReport()
        report.eventID = eventID
        report.kind = .conversion
        report.conversionType = "Lead"
        report.amount.amountMinor = 1000
        report.amount.currency = "EUR"
        let health: @Sendable () async throws -> Void = { _ = try await client.health() }
        let record: @Sendable () async throws -> Void = { [report] in _ = try await client.recordFeedback(report) }
        for (name, call) in [("System/Health", health), ("Feedback/Record", record)] {
            let log = LatencyLog()
            let start = now()
            let perWorker = calls / inFlight
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<inFlight {
                    group.addTask {
                        for _ in 0..<perWorker {
                            let t = now()
                            try await call()
                            log.add((now() - t) * 1e6)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let m = Measurement(name: "swift \(name) in-flight=\(inFlight)", operations: perWorker * inFlight,
                                seconds: now() - start, latenciesMicros: log.all)
            print(m.summary)
        }
        await client.close()
    }
}
