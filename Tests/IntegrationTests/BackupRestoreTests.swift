import ConvdClient
import ConvdProto
import ConvdTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

/// `convctl backup` while feedback is being written, and `convd --restore`, with the real binaries.
@Suite(.serialized)
struct BackupRestoreTests {

    @Test func aBackupTakenDuringWritesIsConsistentAndRestoresExactly() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let a = dir.file("a"), b = dir.file("b"), copy = dir.file("copy.sqlite")
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", a, "--log-level", "warning"])
        let c = try await ConvdClient.connect(socketPath: a + "/convd.sock", localDeadlineGrace: .seconds(120))
        try await Self.seed(c)
        try await Self.sale(c, 0)  // the first one here, so a refused write fails the test at once

        // One task writes a delivery and a sale after another, from before the backup starts (once
        // 100 are answered) until 20 after it ended, so writes run through the whole backup.
        let acked = Mutex<[Int]>([0])
        let backupDone = Mutex<Int?>(nil)
        let writer = Task {
            var i = 1
            while backupDone.withLock({ $0.map { i < $0 + 20 } ?? true }) {
                try await Self.sale(c, i)
                acked.withLock { $0.append(i) }
                i += 1
            }
            return i
        }
        try await eventually { acked.withLock { $0.count } >= 100 }
        let answeredBefore = acked.withLock { $0 }
        let backup = try await Task.detached { try Convctl.run(["backup", copy, "--socket", a + "/convd.sock", "-o", "json"]) }.value
        let answeredAfterBackup = acked.withLock { $0.count }
        backupDone.withLock { $0 = answeredAfterBackup }
        let writes = try await writer.value
        #expect(backup.status == 0, "\(backup.stderr)")
        let reply = try Convd_V1_BackupResponse(jsonString: backup.stdout)

        // The copy is whole and is one moment: every sale answered before the backup began, none
        // half-written, and its own counts agree with the reply.
        let queue = try DatabaseQueue(path: copy)
        let (check, sold, sum, events, lastSeq) = try await queue.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"),
             try String.fetchAll(db, sql: "SELECT event_id FROM conversion"),
             try Int64.fetchOne(db, sql: "SELECT sum(amount_minor) FROM conversion") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM feedback_event") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT max(seq) FROM feedback_event") ?? 0)
        }
        try queue.close()
        #expect(check == ["ok"])
        let soldSet = Set(sold)
        #expect(answeredBefore.allSatisfy { soldSet.contains("E\($0)") }, "a sale answered before the backup is missing from it")
        #expect(sold.count >= answeredBefore.count && sold.count <= answeredAfterBackup + 1)
        #expect(events == sold.count && Int64(events) == lastSeq && reply.lastEventSeq == lastSeq)
        #expect(sum == soldSet.map { Int64($0.dropFirst())! + 100 }.reduce(0, +))
        #expect(reply.rows.first { $0.name == "conversion" }?.value == UInt64(sold.count))
        #expect(reply.path == copy && reply.bytes > 0)
        // Writes were never refused: all of them are in the live database.
        #expect(try await c.conversions().count == writes)

        // A backup never overwrites; a relative path is taken from convctl's directory.
        let again = try Convctl.run(["backup", copy, "--socket", a + "/convd.sock"])
        #expect(again.status == 16 && again.stderr.contains("exists; a backup never overwrites a file"), "\(again.stderr)")
        await c.close()
        #expect(try await daemon.stop() == 0)

        // Restore into a new data directory, serve it, and read the same figures through the API.
        let restore = try Self.convd(["--restore", copy, "--data-dir", b])
        #expect(restore.status == 0 && restore.output.contains("restored \(copy)"), "\(restore.output)")
        let restored = try await DaemonProcess.start(arguments: ["--data-dir", b, "--log-level", "warning"])
        let r = try await ConvdClient.connect(socketPath: b + "/convd.sock", localDeadlineGrace: .seconds(120))
        let back = try await r.conversions()
        #expect(back.count == sold.count && back.map(\.amount.amountMinor).reduce(0, +) == sum)
        // Restoring under a running daemon is refused, and nothing is touched.
        let refused = try Self.convd(["--restore", copy, "--data-dir", b])
        #expect(refused.status != 0 && refused.output.contains("convd is running on this data directory"), "\(refused.output)")
        #expect(try await r.conversions().count == sold.count)
        await r.close()
        #expect(try await restored.stop() == 0)

        // Over an existing database, the one replaced is kept beside it.
        let over = try Self.convd(["--restore", copy, "--data-dir", a])
        #expect(over.status == 0 && over.output.contains("the database it replaced is kept at \(a)/convd.sqlite.before-restore-"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: a).filter { $0.hasPrefix("convd.sqlite.before-restore-") }
        #expect(!kept.isEmpty)
        // A file that is not a backup is refused by name.
        let junk = dir.file("junk.sqlite")
        try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: junk))
        let bad = try Self.convd(["--restore", junk, "--data-dir", b])
        #expect(bad.status != 0 && bad.output.contains("is not a convd database"), "\(bad.output)")
        let missing = try Self.convd(["--restore", dir.file("nope.sqlite"), "--data-dir", b])
        #expect(missing.status != 0 && missing.output.contains("nope.sqlite: no such file"), "\(missing.output)")
    }

    static func seed(_ c: ConvdClient) async throws {
        var r = Convd_V1_Recipient()
        r.id = "crm-1"
        var t = Convd_V1_ConversionTypeSetting()
        t.name = "Sale"
        t.mode = .createNew
        r.feedback.conversionTypes = [t]
        r.feedback.receiveConversions = true
        _ = try await c.putRecipient(r)
        var s = Convd_V1_Source()
        s.id = "v-1"
        _ = try await c.putSource(s)
    }

    static func sale(_ c: ConvdClient, _ i: Int) async throws {
        var d = Convd_V1_Delivery()
        d.eventID = "E\(i)"
        d.recipientID = "crm-1"
        d.sourceID = "v-1"
        _ = try await c.recordDelivery(d)
        var f = Convd_V1_FeedbackReport()
        f.eventID = "E\(i)"
        f.kind = .conversion
        f.conversionType = "Sale"
        var m = Convd_V1_Money()
        m.amountMinor = Int64(i) + 100
        m.currency = "EUR"
        f.amount = m
        _ = try await c.recordFeedback(f)
    }

    /// Runs `convd` to its end. - Returns: its exit status and everything it printed.
    static func convd(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let daemon = try DaemonProcess(arguments: arguments)
        daemon.process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)  // the pipe's last bytes
        return (daemon.process.terminationStatus, daemon.output)
    }
}
