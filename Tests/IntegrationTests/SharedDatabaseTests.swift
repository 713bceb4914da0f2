import ConvdClient
import ConvdProto
import ConvdTestSupport
import Foundation
import Testing

/// Two convd daemons on one database (a SQLite file; a PostgreSQL schema when `TestBackend`
/// says so): every forward is sent by one of them, once.
@Suite(.serialized)
struct SharedDatabaseTests {
    static let sales = 150

    /// Daemons A and B, each with its own data directory (socket) under `dir`, on one database:
    /// a SQLite file, or a fresh PostgreSQL schema.
    static func startPair(_ dir: TemporaryDirectory, _ flags: [String] = []) async throws -> (DaemonProcess, DaemonProcess) {
        let database = TestBackend.postgresURL.map { TestBackend.url($0, adding: ["schema": TestBackend.freshSchema()]) }
            ?? dir.file("shared.sqlite")
        let shared = ["--database", database, "--log-level", "warning"] + flags
        let a = try await DaemonProcess.start(arguments: ["--data-dir", dir.file("a")] + shared)
        let b = try await DaemonProcess.start(arguments: ["--data-dir", dir.file("b")] + shared)
        return (a, b)
    }

    @Test func twoDaemonsOnOneDatabaseSendEachForwardOnce() async throws {
        let http = TestHTTPServer { _, _ in .status(200, body: "ok") }
        let base = try await http.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (a, b) = try await Self.startPair(dir)
        let ca = try await ConvdClient.connect(socketPath: dir.file("a/convd.sock"), localDeadlineGrace: .seconds(120))
        let cb = try await ConvdClient.connect(socketPath: dir.file("b/convd.sock"), localDeadlineGrace: .seconds(120))
        try await BackupRestoreTests.seed(ca)
        var s = Convd_V1_Source()
        s.id = "v-1"
        s.forwarding.url = base + "/pb"
        s.forwarding.conversions = true
        s.forwarding.fieldMapping = ["e": "{event_id}"]
        _ = try await ca.putSource(s)

        // Sales through both daemons at once: each daemon's worker wakes on its own commits and
        // reads the whole outbox, so both see every item.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (offset, client) in [ca, cb].enumerated() {
                group.addTask {
                    for i in stride(from: offset, to: Self.sales, by: 2) { try await BackupRestoreTests.sale(client, i) }
                }
            }
            try await group.waitForAll()
        }
        try await eventually {
            var r = Convd_V1_ListForwardsRequest()
            r.pageSize = 1000
            let items = try await ca.call(Methods.listForwards, r, returning: Convd_V1_ListForwardsResponse.self).items
            return items.count == Self.sales && items.allSatisfy { $0.state == .sent }
        }
        await ca.close()
        await cb.close()
        // Both stopped: nothing can be sent any more, so what arrived is final.
        #expect(try await a.stop() == 0)
        #expect(try await b.stop() == 0)
        let keys = http.received.compactMap { $0.headers["idempotency-key"] }
        #expect(keys.count == Self.sales, "\(keys.count - Set(keys).count) forwards were sent twice")
        #expect(Set(keys).count == Self.sales)
        await http.stop()
    }

    /// Starts A and B, queues one forward through A, waits until it is being sent (the endpoint
    /// hangs on its first request) and kills A. - Returns: B, still running.
    static func killSenderMidSend(_ dir: TemporaryDirectory, _ http: TestHTTPServer) async throws -> DaemonProcess {
        let base = try await http.start()
        let (a, b) = try await startPair(dir, ["--forward-lease-margin-ms", "500"])
        let ca = try await ConvdClient.connect(socketPath: dir.file("a/convd.sock"), localDeadlineGrace: .seconds(120))
        try await BackupRestoreTests.seed(ca)
        var s = Convd_V1_Source()
        s.id = "v-1"
        s.forwarding.url = base + "/pb"
        s.forwarding.conversions = true
        s.forwarding.timeoutMs = 2_000  // A is killed long before its send would time out
        _ = try await ca.putSource(s)
        try await BackupRestoreTests.sale(ca, 1)
        try await eventually { http.received.count == 1 }  // one daemon is sending, and hangs
        await ca.close()
        #expect(try await a.stop(signal: SIGKILL) == SIGKILL)
        return b
    }

    /// A daemon killed in the middle of a send holds the item's lease; once it runs out, the other
    /// daemon sends the item (the same Idempotency-Key) and records it.
    @Test func aKilledSendersForwardIsSentByTheOtherDaemon() async throws {
        let http = TestHTTPServer { _, n in n == 0 ? .hang : .status(200, body: "ok") }
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let b = try await Self.killSenderMidSend(dir, http)
        // B learns of the item with its next commit, and sends it when A's lease (2.5 s) runs out.
        let cb = try await ConvdClient.connect(socketPath: dir.file("b/convd.sock"), localDeadlineGrace: .seconds(120))
        try await BackupRestoreTests.sale(cb, 2)
        try await eventually {
            var r = Convd_V1_ListForwardsRequest()
            r.pageSize = 10
            let items = try await cb.call(Methods.listForwards, r, returning: Convd_V1_ListForwardsResponse.self).items
            return items.count == 2 && items.allSatisfy { $0.state == .sent }
        }
        let keys = http.received.compactMap { $0.headers["idempotency-key"] }
        #expect(keys.count == 3 && Set(keys).count == 2, "the first item twice (A's hung send, then B's), the second once")
        await cb.close()
        #expect(try await b.stop() == 0)
        await http.stop()
    }

    /// On PostgreSQL a daemon hears every other daemon's commits (LISTEN/NOTIFY): with the
    /// once-a-second poll pushed out to an hour, a watch on B still sees what A commits.
    @Test(.enabled(if: !TestBackend.isSQLite)) func aWatchWakesOnTheOtherDaemonsNotify() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (a, b) = try await Self.startPair(dir, ["--watch-poll-ms", "3600000"])
        let seen = try await Self.watchOnBSeesThreeSalesThroughA(dir)
        #expect(seen == ["E1", "E2", "E3"], "the watch on B saw \(seen.map { "\($0)" } ?? "nothing within 60 s")")
        #expect(try await a.stop() == 0)
        #expect(try await b.stop() == 0)
    }

    /// A watch on one daemon sees the events committed through the other.
    @Test func aWatchSeesTheOtherDaemonsCommits() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (a, b) = try await Self.startPair(dir)
        let seen = try await Self.watchOnBSeesThreeSalesThroughA(dir)
        #expect(seen == ["E1", "E2", "E3"], "the watch on B saw \(seen.map { "\($0)" } ?? "nothing within 60 s")")
        #expect(try await a.stop() == 0)
        #expect(try await b.stop() == 0)
    }

    /// A recipient changed through A applies to the next feedback through B at once: B's
    /// settings cache must not keep the mode it read before the change.
    @Test func aSettingChangedThroughOneDaemonAppliesOnTheOther() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (a, b) = try await Self.startPair(dir)
        let ca = try await ConvdClient.connect(socketPath: dir.file("a/convd.sock"), localDeadlineGrace: .seconds(120))
        let cb = try await ConvdClient.connect(socketPath: dir.file("b/convd.sock"), localDeadlineGrace: .seconds(120))
        try await BackupRestoreTests.seed(ca)
        func saleMode(_ mode: Convd_V1_ConversionMode) async throws {
            var r = Convd_V1_Recipient()
            r.id = "crm-1"
            var t = Convd_V1_ConversionTypeSetting()
            t.name = "Sale"
            t.mode = mode
            r.feedback.conversionTypes = [t]
            r.feedback.receiveConversions = true
            _ = try await ca.putRecipient(r)
        }
        var sale = Convd_V1_FeedbackReport()
        sale.eventID = "E0"
        sale.kind = .conversion
        sale.conversionType = "Sale"
        try await saleMode(.ignoreDuplicates)
        try await BackupRestoreTests.sale(cb, 0)
        // B has now read crm-1 under IGNORE_DUPLICATES (and answers by it).
        #expect(try await cb.recordFeedback(sale).outcome == .duplicateIgnored)
        try await saleMode(.createNew)
        let after = try await cb.recordFeedback(sale).outcome
        #expect(after == .created, "B answered \(after) under the mode A replaced")
        await ca.close()
        await cb.close()
        #expect(try await a.stop() == 0)
        #expect(try await b.stop() == 0)
    }

    /// Seeds through A, opens a watch on B after the first sale, makes three more sales through A.
    /// - Returns: the event IDs B's watch saw, nil when not three within 60 s.
    static func watchOnBSeesThreeSalesThroughA(_ dir: TemporaryDirectory) async throws -> [String]? {
        let ca = try await ConvdClient.connect(socketPath: dir.file("a/convd.sock"), localDeadlineGrace: .seconds(120))
        let cb = try await ConvdClient.connect(socketPath: dir.file("b/convd.sock"), localDeadlineGrace: .seconds(120))
        defer { Task { await ca.close(); await cb.close() } }
        try await BackupRestoreTests.seed(ca)
        try await BackupRestoreTests.sale(ca, 0)
        var request = Convd_V1_WatchEventsRequest()
        request.afterSeq = 1  // after the first sale's event: the next ones, through A
        let stream = try cb.watchEvents(request)
        let seen = Collected<String>()
        let watching = Task { for try await part in stream { seen.append(part.event.eventID) } }
        defer { watching.cancel() }
        for i in 1...3 { try await BackupRestoreTests.sale(ca, i) }
        // Bounded, so a watch that never wakes fails the test instead of hanging it.
        do {
            try await seen.wait(forCount: 3, atMost: .seconds(60))
        } catch is WaitLimitReached {
            return nil
        }
        return Array(seen.values.prefix(3))
    }
}
