import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// SIGKILL the real daemon at random moments while 16 connections record INCREMENT postbacks
/// with idempotency keys, restart it, and retry every unacknowledged call with its key: at the end
/// each call counts exactly once (sum and postback count exact), and `PRAGMA integrity_check` is ok.
/// `CONVD_CRASH_KILLS` sets the number of kills (CI: 5; `scripts/crash-test` runs 50).
@Suite(.serialized)
struct CrashConsistencyTests {
    @Test func killsLoseAndDoubleNothing() async throws {
        let kills = Int(ProcessInfo.processInfo.environment["CONVD_CRASH_KILLS"] ?? "") ?? 5
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let args = ["--data-dir", dir.path, "--log-level", "error"]
        let socket = dir.file("convd.sock")
        var daemon = try await DaemonProcess.start(arguments: args)
        let setup = try await ConvdClient.connect(socketPath: socket)
        var r = Convd_V1_Recipient()
        r.id = "crm-1"
        _ = try await setup.putRecipient(r)
        var s = Convd_V1_Source()
        s.id = "v-1"
        _ = try await setup.putSource(s)
        let connections = 16
        for n in 0..<connections {
            var d = Convd_V1_Delivery()
            d.eventID = "E\(n)"
            d.recipientID = "crm-1"
            d.sourceID = "v-1"
            _ = try await setup.recordDelivery(d)
        }
        await setup.close()

        // Each call: connection n, number i; amount i+1 minor units; key and transaction ID unique.
        let perRound = 40
        var pending: [(n: Int, i: Int)] = []  // not yet acknowledged
        var next = 0
        var acknowledged = 0, resent = 0
        for round in 0...kills {
            let batch = pending + (0..<connections).flatMap { n in (next..<next + perRound).map { (n, $0) } }
            next += perRound
            let killAt = round < kills ? Int.random(in: 5...60) : nil  // ms into the round
            let acked = await withTaskGroup(of: [(Int, Int)].self) { group in
                for n in 0..<connections {
                    let mine = batch.filter { $0.n == n }
                    group.addTask {
                        guard let c = try? await ConvdClient.connect(socketPath: socket) else { return [] }
                        var ok: [(Int, Int)] = []
                        for (n, i) in mine {
                            var f = Convd_V1_FeedbackReport()
                            f.eventID = "E\(n)"
                            f.kind = .conversion
                            f.conversionType = "WonClient"
                            f.transactionID = "T\(n)-\(i)"
                            f.amount.amountMinor = Int64(i + 1)
                            f.amount.currency = "EUR"
                            guard (try? await c.recordFeedback(f, idempotencyKey: "K\(n)-\(i)")) != nil else { break }
                            ok.append((n, i))
                        }
                        await c.close()
                        return ok
                    }
                }
                if let killAt {
                    try? await Task.sleep(for: .milliseconds(killAt))
                    kill(daemon.process.processIdentifier, SIGKILL)
                }
                var all: [(Int, Int)] = []
                for await part in group { all += part }
                return all
            }
            let ackedSet = Set(acked.map { "\($0.0)-\($0.1)" })
            resent += pending.count
            acknowledged += acked.count
            pending = batch.filter { !ackedSet.contains("\($0.n)-\($0.i)") }
            if killAt != nil {
                _ = try await daemon.waitForExit()
                daemon = try await DaemonProcess.start(arguments: args)
            }
        }
        #expect(pending.isEmpty, "\(pending.count) calls never acknowledged")

        let c = try await ConvdClient.connect(socketPath: socket)
        var filter = Convd_V1_ConversionFilter()
        filter.conversionType = "WonClient"
        let conversions = try await c.conversions(filter: filter)
        #expect(conversions.count == connections)  // one INCREMENT conversion per delivery
        let calls = next  // each connection made `next` distinct calls, numbered 0..<next
        for conv in conversions {
            #expect(Int(conv.postbackCount) == calls, "\(conv.eventID): \(conv.postbackCount) postbacks for \(calls) calls")
            #expect(conv.amount.amountMinor == Int64(calls * (calls + 1) / 2), "\(conv.eventID)")
        }
        await c.close()
        #expect(try await daemon.stop() == 0)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", dir.file("convd.sqlite")]
        let out = Pipe()
        check.standardOutput = out
        try check.run()
        check.waitUntilExit()
        #expect(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "ok\n")
        #expect(acknowledged == connections * calls)  // each call acknowledged exactly once in the end
        print("crash consistency: \(kills) kills, \(connections * calls) calls acknowledged, \(resent) unacknowledged sends retried with their key; sums and postback counts exact (lost 0, doubled 0), integrity_check ok")
    }
}
