import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// Two daemons on one database (PostgreSQL in CI's conformance run, SQLite otherwise), 16
/// connections each, racing the same keys in every mode: sums are exact, each key counts once,
/// a return cap holds, an idempotency key has one effect, and a watch sees every event once, in
/// order, with no gap.
@Suite(.serialized)
struct TwoDaemonRaceTests {
    static let perDaemon = 16

    @Test func thirtyTwoConnectionsOnTwoDaemonsRacingOneKeyCountEachThingOnce() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (a, b) = try await SharedDatabaseTests.startPair(dir)
        var clients: [ConvdClient] = []
        for socket in ["a", "b"] {
            for _ in 0..<Self.perDaemon {
                clients.append(try await ConvdClient.connect(socketPath: dir.file("\(socket)/convd.sock"), localDeadlineGrace: .seconds(120)))
            }
        }
        let admin = clients[0]
        try await Self.seed(admin)
        // A first event to start the watch after: a watch "from now" could start after the race began.
        var unknown = Convd_V1_FeedbackReport()
        unknown.eventID = "no-such-lead"
        unknown.kind = .conversion
        unknown.conversionType = "Sale"
        await #expect(throws: StatusError.self) { _ = try await admin.recordFeedback(unknown) }
        var listRequest = Convd_V1_ListEventsRequest()
        listRequest.pageSize = 1_000
        let marker = try #require(try await admin.listEvents(listRequest).events.last).seq
        var watchRequest = Convd_V1_WatchEventsRequest()
        watchRequest.afterSeq = marker
        let watch = try clients[Self.perDaemon].watchEvents(watchRequest)  // on B
        let watched = Collected<UInt64>()
        let watching = Task { for try await part in watch { watched.append(part.event.seq) } }
        defer { watching.cancel() }
        let n = clients.count

        // Every connection, at once: an invoice of its own and the one invoice all of them report,
        // the IGNORE_DUPLICATES key, a CREATE_NEW order with one transaction ID, an UPDATE, the
        // same idempotency key, and a return of its own lead against a cap of 10.
        let outcomes = try await withThrowingTaskGroup(of: [String: Convd_V1_Outcome].self) { group in
            for (i, c) in clients.enumerated() {
                group.addTask {
                    var seen: [String: Convd_V1_Outcome] = [:]
                    seen["own"] = try await c.recordFeedback(Self.report("E0", "Won", amount: Int64(100 + i), tx: "inv-\(i)")).outcome
                    seen["shared"] = try await c.recordFeedback(Self.report("E0", "Won", amount: 1_000, tx: "inv-shared")).outcome
                    seen["fake"] = try await c.recordFeedback(Self.report("E0", "Fake")).outcome
                    seen["order"] = try await c.recordFeedback(Self.report("E0", "Sale", amount: 500, tx: "order-1")).outcome
                    seen["stage"] = try await c.recordFeedback(Self.report("E0", "Stage")).outcome
                    seen["idem"] = try await c.recordFeedback(Self.report("E1", "Sale", amount: 700), idempotencyKey: "same-key").outcome
                    var r = Convd_V1_FeedbackReport()
                    r.eventID = "R\(i)"
                    r.kind = .return
                    r.reason = "Duplicate"
                    do {
                        seen["return"] = try await c.recordFeedback(r).outcome
                    } catch let e as StatusError where e.code == .failedPrecondition {
                        seen["return"] = .unspecified  // refused by the cap
                    }
                    return seen
                }
            }
            var all: [[String: Convd_V1_Outcome]] = []
            for try await one in group { all.append(one) }
            return all
        }
        func count(_ key: String, _ outcome: Convd_V1_Outcome) -> Int { outcomes.filter { $0[key] == outcome }.count }
        #expect(count("own", .created) + count("own", .incremented) == n)
        #expect(count("shared", .incremented) + count("shared", .created) == 1, "the shared invoice counted \(count("shared", .incremented)) times")
        #expect(count("shared", .duplicateIgnored) == n - 1)
        #expect(count("fake", .created) == 1 && count("fake", .duplicateIgnored) == n - 1)
        #expect(count("order", .created) == 1 && count("order", .duplicateIgnored) == n - 1)
        // An UPDATE that reached the row after a later-stamped one is STALE_IGNORED, not applied.
        #expect(count("stage", .created) == 1 && count("stage", .updated) + count("stage", .staleIgnored) == n - 1)
        #expect(count("return", .returnRecorded) == 10 && count("return", .unspecified) == n - 10)

        var filter = Convd_V1_ConversionFilter()
        filter.eventID = "E0"
        let conversions = try await admin.conversions(filter: filter)
        let won = try #require(conversions.first { $0.conversionType == "Won" })
        #expect(won.amount.amountMinor == (0..<Int64(n)).reduce(1_000) { $0 + 100 + $1 }, "the INCREMENT sum is exact")
        #expect(won.postbackCount == UInt32(n + 1))
        let stage = try #require(conversions.first { $0.conversionType == "Stage" })
        #expect(stage.version == UInt32(1 + count("stage", .updated)), "every applied UPDATE is one version")
        filter.eventID = "E1"
        #expect(try await admin.conversions(filter: filter).count == 1, "one effect for one idempotency key")

        // Every call logged one event (but the 31 repeats of the idempotency key, answered from
        // the first); B's watch saw each once, in seq order, with no gap.
        let expected = n * 7 - (n - 1)
        let listed = try await admin.listEvents(listRequest).events.map(\.seq).filter { $0 > marker }
        #expect(listed.count == expected)
        #expect(listed == listed.sorted() && Set(listed).count == listed.count)
        // Throws, failing the test with the count it got, when B's watch never sees them all.
        try await watched.wait(forCount: expected, atMost: .seconds(60))
        #expect(Array(watched.values.prefix(expected)) == listed, "B's watch saw the events in seq order, each once")
        for c in clients { await c.close() }
        #expect(try await a.stop() == 0)
        #expect(try await b.stop() == 0)
    }

    /// A month closed while 32 connections on two daemons keep adding conversions to its leads:
    /// what the closed statement said when the close answered is what it says after every write
    /// in flight committed, and every conversion lands in exactly one statement (the closed
    /// month's lines, or the next month's prior-period lines).
    @Test func aMonthClosedUnderLoadNeverChangesAndLosesNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (a, b) = try await SharedDatabaseTests.startPair(dir)
        var clients: [ConvdClient] = []
        for socket in ["a", "b"] {
            for _ in 0..<Self.perDaemon {
                clients.append(try await ConvdClient.connect(socketPath: dir.file("\(socket)/convd.sock"), localDeadlineGrace: .seconds(120)))
            }
        }
        let admin = clients[0]
        try await Self.seed(admin)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let thisMonth = utc.date(from: utc.dateComponents([.year, .month], from: Date()))!
        let lastMonth = utc.date(byAdding: .month, value: -1, to: thisMonth)!
        let (lastLabel, thisLabel) = [lastMonth, thisMonth].map {
            String(format: "%04d-%02d", utc.component(.year, from: $0), utc.component(.month, from: $0))
        }.pair
        for i in 0..<clients.count {
            var d = Convd_V1_Delivery()
            d.eventID = "L\(i)"
            d.recipientID = "crm-1"
            d.sourceID = "v-1"
            d.deliveredAtMs = Int64(lastMonth.timeIntervalSince1970 * 1000) + 86_400_000
            _ = try await admin.recordDelivery(d)
        }
        let perClient = 15
        let (startedStream, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        let frozen = try await withThrowingTaskGroup(of: Convd_V1_StatementResponse?.self) { group in
            for (i, c) in clients.enumerated().dropFirst() {
                group.addTask {
                    for n in 0..<perClient {
                        _ = try await c.recordFeedback(Self.report("L\(i)", "Sale", amount: 100))
                        if n == 2 { startedContinuation.yield() }
                    }
                    return nil
                }
            }
            group.addTask {
                var it = startedStream.makeAsyncIterator()
                for _ in 0..<8 { _ = await it.next() }  // close while the writers are in full swing
                _ = try await admin.closeMonth(sourceID: "v-1", month: lastLabel, timeZone: "UTC")
                var r = Convd_V1_StatementRequest()
                r.sourceID = "v-1"
                r.month = lastLabel
                return try await admin.statement(r)
            }
            var frozen: Convd_V1_StatementResponse?
            for try await one in group { if let one { frozen = one } }
            return try #require(frozen)
        }
        var r = Convd_V1_StatementRequest()
        r.sourceID = "v-1"
        r.month = lastLabel
        let after = try await admin.statement(r)
        #expect(after.lines == frozen.lines, "the closed statement changed after its close answered")
        r.month = thisLabel
        let next = try await admin.statement(r)
        func conversions(_ lines: [Convd_V1_StatementLine]) -> Int64 {
            lines.filter { $0.section == .conversions }.map(\.count).reduce(0, +)
        }
        #expect(conversions(after.lines) + conversions(next.priorPeriod) == Int64((clients.count - 1) * perClient))
        for c in clients { await c.close() }
        #expect(try await a.stop() == 0)
        #expect(try await b.stop() == 0)
    }

    static func report(_ event: String, _ type: String, amount: Int64? = nil, tx: String = "") -> Convd_V1_FeedbackReport {
        var f = Convd_V1_FeedbackReport()
        f.eventID = event
        f.kind = .conversion
        f.conversionType = type
        f.transactionID = tx
        if let amount {
            var m = Convd_V1_Money()
            m.amountMinor = amount
            m.currency = "EUR"
            f.amount = m
        }
        return f
    }

    static func seed(_ c: ConvdClient) async throws {
        var r = Convd_V1_Recipient()
        r.id = "crm-1"
        r.feedback.receiveConversions = true
        r.feedback.receiveReturns = true
        r.feedback.returnWindowDays = 30
        for (name, mode) in [("Won", Convd_V1_ConversionMode.increment), ("Fake", .ignoreDuplicates), ("Sale", .createNew), ("Stage", .update)] {
            var t = Convd_V1_ConversionTypeSetting()
            t.name = name
            t.mode = mode
            r.feedback.conversionTypes.append(t)
        }
        _ = try await c.putRecipient(r)
        var s = Convd_V1_Source()
        s.id = "v-1"
        s.returnCap.maxCount = 10
        _ = try await c.putSource(s)
        for event in ["E0", "E1"] + (0..<(2 * perDaemon)).map({ "R\($0)" }) {
            var d = Convd_V1_Delivery()
            d.eventID = event
            d.recipientID = "crm-1"
            d.sourceID = "v-1"
            _ = try await c.recordDelivery(d)
        }
    }
}

extension Array {
    /// The first two elements, for a destructuring `let`.
    fileprivate var pair: (Element, Element) { (self[0], self[1]) }
}
