import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdStore
import ConvdTestSupport
import ConvdWire
import Foundation
import Synchronization

/// Four times the peak's connections, each pipelining calls with a deadline: convd must shed the
/// excess with RESOURCE_EXHAUSTED or DEADLINE_EXCEEDED, keep its memory bounded, and still accept
/// at least 80% of the peak rate measured in the same run.
struct OverloadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "overload", abstract: "Overload with deadlines against the peak.")
    @Option(help: "Connections of the peak shape (the overload uses four times as many).") var connections = 16
    @Option(help: "Calls of the peak phase.") var operations = 20_000
    @Option(help: "Seconds of overload.") var seconds = 10.0
    @Option(help: "Calls in flight on each overload connection.") var inFlight = 16
    @Option(help: "Each overload call's deadline, ms.") var deadlineMs = 25

    func run() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let heavy = connections * 4
        let (daemon, socket) = try await BenchDaemon.start(dir, durability: .full, deliveries: heavy)
        let peak = try await SocketLoad.closedLoop(socket: socket, connections: connections, operations: operations,
                                                   name: "peak: Feedback/Record, \(connections) connections", call: BenchDaemon.record)
        print(peak.summary)

        let counts = Locked([String: Int]())
        let seconds = self.seconds
        let log = LatencyLog()
        let clients = try await (0..<heavy).asyncMap { _ in try await ConvdClient.connect(socketPath: socket) }
        let start = now()
        let method = MethodName(service: "Feedback", method: "Record")
        let deadline = Duration.milliseconds(deadlineMs)
        await withTaskGroup(of: Void.self) { group in
            for (w, client) in clients.enumerated() {
                for _ in 0..<inFlight {
                    group.addTask {
                        var req = Convd_V1_RecordFeedbackRequest()
                        req.feedback = BenchDaemon.lead(w)
                        while now() - start < seconds {
                            let t = now()
                            let outcome: String
                            do {
                                let _: Convd_V1_RecordFeedbackResponse = try await client.call(method, req, timeout: deadline)
                                log.add((now() - t) * 1e6)
                                outcome = "OK"
                            } catch let e as StatusError {
                                outcome = "\(e.status.code)"
                            } catch {
                                outcome = "other: \(error)"
                            }
                            counts.withLock { $0[outcome, default: 0] += 1 }
                        }
                    }
                }
            }
        }
        let elapsed = now() - start
        for c in clients { await c.close() }
        let memory = BenchDaemon.memory(of: daemon.process.processIdentifier)
        let status = try await daemon.stop()
        guard status == 0 else {
            print("convd exited with status \(status)")
            throw ExitCode(1)
        }
        let seen = counts.withLock { $0 }
        let accepted = Measurement(name: "overload: \(heavy) connections × \(inFlight) in flight, \(deadlineMs) ms deadlines",
                                   operations: seen["OK"] ?? 0, seconds: elapsed, latenciesMicros: log.all)
        print(accepted.summary)
        print("outcomes: " + seen.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print(String(format: "accepted throughput %.0f%% of the peak; daemon RSS %.0f MiB now, peak %.0f MiB",
                     100 * accepted.perSecond / peak.perSecond, memory.rss, memory.peak))
        // Shedding is only ever RESOURCE_EXHAUSTED or DEADLINE_EXCEEDED; anything else is a failure.
        let unexpected = seen.keys.filter { !["OK", "\(StatusCode.resourceExhausted)", "\(StatusCode.deadlineExceeded)"].contains($0) }
        if !unexpected.isEmpty { throw ValidationError("overload saw unexpected outcomes: \(unexpected.sorted())") }
    }
}
