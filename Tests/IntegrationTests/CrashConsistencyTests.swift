import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// SIGKILL the real daemon at random moments while 16 connections send keyed feedback in all four
/// modes (INCREMENT, UPDATE, and batches of CREATE_NEW and IGNORE_DUPLICATES) and adjustments; restart it and retry
/// every unacknowledged call with its key. At the end each call counts exactly once (sums,
/// postback counts, versions, conversions per mode, events per key) and `PRAGMA integrity_check` is ok.
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

        // Each call: connection n, number i (see `send`); keys and transaction IDs unique.
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
                            guard (try? await Self.send(c, n, i)) != nil else { break }
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
        let calls = next  // each connection made `next` distinct calls, numbered 0..<next
        let increments = (0..<calls).filter { $0 % 4 == 0 }, batches = (0..<calls).filter { $0 % 4 == 1 }
        let updates = (0..<calls).filter { $0 % 4 == 2 }, approvals = (0..<calls).filter { $0 % 4 == 3 }
        for n in 0..<connections {
            var filter = Convd_V1_ConversionFilter()
            filter.eventID = "E\(n)"
            let mine = try await c.conversions(filter: filter)
            let won = mine.filter { $0.conversionType == "WonClient" }
            #expect(won.count == 1)  // INCREMENT: one conversion per key
            #expect(Int(won.first?.postbackCount ?? 0) == increments.count, "E\(n) postbacks")
            #expect(won.first?.amount.amountMinor == Int64(increments.map { $0 + 1 }.reduce(0, +)), "E\(n) sum")
            // Created once, a version per later increment and per approval: each applied exactly once.
            #expect(Int(won.first?.version ?? 0) == increments.count + approvals.count, "E\(n) versions")
            #expect(mine.filter { $0.conversionType == "Lead" }.count == batches.count)  // CREATE_NEW, one per transaction
            #expect(mine.filter { $0.conversionType == "FakeLead" }.count == 1)  // IGNORE_DUPLICATES: one per key
            // UPDATE: one conversion holding the latest (by occurred_at) amount; retried older ones are stale.
            let qualified = mine.filter { $0.conversionType == "QualifiedLead" }
            #expect(qualified.count == 1)
            #expect(qualified.first?.amount.amountMinor == Int64(updates.max() ?? 0), "E\(n) update")
        }
        // The event log agrees: each idempotency key logged once per item, never again on a retry.
        var perKey: [String: Int] = [:], token = ""
        repeat {
            var req = Convd_V1_ListEventsRequest()
            req.pageSize = 1000
            req.pageToken = token
            let page = try await c.listEvents(req)
            for e in page.events { perKey[e.idempotencyKey, default: 0] += 1 }
            token = page.nextPageToken
        } while !token.isEmpty
        for n in 0..<connections {
            for i in 0..<calls { #expect(perKey["K\(n)-\(i)"] == (i % 4 == 1 ? 2 : 1), "K\(n)-\(i)") }
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
        print("crash consistency: \(kills) kills, \(connections * calls) calls acknowledged (INCREMENT, batches of CREATE_NEW + IGNORE_DUPLICATES, UPDATE, adjustments), \(resent) unacknowledged sends carried into a later round with their key; sums, postback counts, versions, conversions per mode and the event log exact (lost 0, doubled 0), integrity_check ok")
    }

    /// Call `i` of connection `n`, each with its own idempotency key: an INCREMENT of i+1 minor
    /// units (i % 4 == 0), a batch of a CREATE_NEW Lead with its own transaction ID and an
    /// IGNORE_DUPLICATES FakeLead (1), an UPDATE of QualifiedLead to i minor units occurring at a
    /// time that grows with i (2), or an APPROVE of the INCREMENT conversion by key (3).
    static func send(_ c: ConvdClient, _ n: Int, _ i: Int) async throws {
        let key = "K\(n)-\(i)"
        func report(_ type: String) -> Convd_V1_FeedbackReport {
            var f = Convd_V1_FeedbackReport()
            f.eventID = "E\(n)"
            f.kind = .conversion
            f.conversionType = type
            return f
        }
        switch i % 4 {
        case 0:
            var f = report("WonClient")
            f.transactionID = "T\(n)-\(i)"
            f.amount.amountMinor = Int64(i + 1)
            f.amount.currency = "EUR"
            _ = try await c.recordFeedback(f, idempotencyKey: key)
        case 1:
            var lead = report("Lead")
            lead.transactionID = "L\(n)-\(i)"
            let results = try await c.recordFeedbackBatch([lead, report("FakeLead")], idempotencyKey: key)
            guard results.allSatisfy({ $0.outcome != .failed }) else { throw CancellationError() }
        case 2:
            var f = report("QualifiedLead")
            f.amount.amountMinor = Int64(i)
            f.amount.currency = "EUR"
            f.occurredAtMs = 1_795_000_000_000 + Int64(i)
            _ = try await c.recordFeedback(f, idempotencyKey: key)
        default:
            var adjust = Convd_V1_AdjustRequest()
            adjust.key.recipientID = "crm-1"
            adjust.key.conversionType = "WonClient"
            adjust.key.attributionID = "E\(n)"
            adjust.kind = .approve
            _ = try await c.adjust(adjust, idempotencyKey: key)
        }
    }
}
