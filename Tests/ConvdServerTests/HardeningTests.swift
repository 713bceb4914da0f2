import ConvdClient
import ConvdProto
import ConvdServer
@testable import ConvdStore
import ConvdTestSupport
import ConvdWire
import Foundation
import GRDB
import Testing

/// The nine inputs that stopped convd (issue 18), as regression tests through the real server:
/// each gets a clear status naming the problem, nothing changes, and the daemon keeps serving.
struct HardeningTests {
    /// Runs `body` and checks that it failed with `code` and a message containing `words`.
    static func expectStatus(_ code: StatusCode, _ words: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code), got OK")
        } catch let error as StatusError {
            #expect(error.status.code == code, "\(error.status.message)")
            #expect(error.status.message.contains(words), "\(error.status.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    static func stillServes(_ c: ConvdClient) async throws {
        #expect(try await c.health().status == "SERVING")
    }

    @Test func outOfRangeWireIntegersAreInvalidArgumentNamingTheField() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            // 1: Events/Watch after_seq >= 2^63, from a reader-level method.
            var watch = Convd_V1_WatchEventsRequest()
            watch.afterSeq = UInt64(1) << 63
            await Self.expectStatus(.invalidArgument, "after_seq") { for try await _ in try c.watchEvents(watch) {} }
            // 2: Forwarding/Retry item id >= 2^63.
            var retry = Convd_V1_RetryForwardsRequest()
            retry.itemID = UInt64.max
            await Self.expectStatus(.invalidArgument, "item_id") {
                _ = try await c.call(MethodName(service: "Forwarding", method: "Retry"), retry, returning: Convd_V1_RetryForwardsResponse.self)
            }
            // 4: delivered_at_ms far outside sane times.
            for bad: Int64 in [Int64.max, (1 << 53) + 1, -1] {
                await Self.expectStatus(.invalidArgument, "delivered_at_ms") {
                    _ = try await c.recordDelivery(Fixtures.delivery("BAD", deliveredAtMs: bad))
                }
            }
            // 5: occurred_at_ms = INT64_MIN on Adjust and Retract.
            let sale = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100))
            var adjust = Convd_V1_AdjustRequest()
            adjust.conversionID = sale.conversion.id
            adjust.kind = .retract
            adjust.occurredAtMs = Int64.min
            await Self.expectStatus(.invalidArgument, "occurred_at_ms") { _ = try await c.adjust(adjust) }
            // 7: a negative or huge RESTATE.
            for minor in [Int64(-1), Int64.min, Int64.max] {
                var restate = Convd_V1_AdjustRequest()
                restate.conversionID = sale.conversion.id
                restate.kind = .restate
                restate.amount.amountMinor = minor
                restate.amount.currency = "EUR"
                await Self.expectStatus(.invalidArgument, "amount.amount_minor") { _ = try await c.adjust(restate) }
            }
            // 3: amounts past the documented maximum.
            await Self.expectStatus(.invalidArgument, "amount_minor") {
                _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 1 << 62, "JPY"))
            }
            #expect(try await c.conversion(id: sale.conversion.id).amount.amountMinor == 100)  // nothing changed
            try await Self.stillServes(c)
            await c.close()
        }
    }

    /// 3 and 6: sums that would overflow are refused with the conversion or the stats group named,
    /// not a trap on the writer thread (which would poison every restart) and not INTERNAL.
    @Test func sumsThatWouldOverflowAreRefusedAndNothingChanges() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1", "E2"])
            let a = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 1, "JPY"))
            // Another type, so the two near-top amounts sit in different hourly aggregates and only
            // the sum a stats read makes would overflow.
            let b = try await c.recordFeedback(Fixtures.conversion("E2", "SalesCallScheduled", 1, "JPY"))
            // Stored amounts near the top, as a database written before these checks may hold.
            try server.execute("""
                UPDATE conversion SET amount_minor = \(Int64.max - 10), approved_minor = \(Int64.max - 10)
                WHERE id IN ('\(a.conversion.id)', '\(b.conversion.id)')
                """)
            await Self.expectStatus(.failedPrecondition, "conversion \(a.conversion.id)") {
                _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 1_000, "JPY"))
            }
            let batch = try await c.recordFeedbackBatch([Fixtures.conversion("E1", "WonClient", 1_000, "JPY"),
                                                         Fixtures.conversion("E2", "Lead", 5, "JPY")])
            #expect(batch.map(\.outcome) == [.failed, .created])
            #expect(batch[0].status.code == Int32(StatusCode.failedPrecondition.rawValue))
            #expect(try await c.conversion(id: a.conversion.id).amount.amountMinor == Int64.max - 10)
            await Self.expectStatus(.failedPrecondition, "stats group") { _ = try await c.stats() }
            await Self.expectStatus(.failedPrecondition, "stats group 'crm-1'") { _ = try await c.stats(groupBy: .recipient) }
            var one = Convd_V1_ConversionFilter()
            one.eventID = "E2"
            #expect(try await c.stats(filter: one).first?.approvedValue.first?.amountMinor == Int64.max - 10 + 5)
            let before = try await c.conversions(filter: one).count
            let overflowing = Fixtures.conversion("E2", "SalesCallScheduled", 1_000, "JPY")
            if TestBackend.isSQLite {
                // A write whose stored stats or statement aggregate would overflow is refused
                // whole, naming it.
                await Self.expectStatus(.failedPrecondition, "total would pass the largest storable amount") {
                    _ = try await c.recordFeedback(overflowing)
                }
                #expect(try await c.conversions(filter: one).count == before)
                let stored = try await server.sqlite().statsBucketsStoredAndRecomputed()
                #expect(stored.stored == stored.recomputed)
            } else {
                // PostgreSQL stores no totals (stats are summed from the rows, statements from delta
                // rows), so the write is taken; a read whose total would not fit is refused, naming it.
                #expect(try await c.recordFeedback(overflowing).outcome == .created)
                #expect(try await c.conversions(filter: one).count == before + 1)
                await Self.expectStatus(.failedPrecondition, "computing stats: a total would pass the largest storable amount") {
                    _ = try await c.stats(filter: one)
                }
                var statement = Convd_V1_StatementRequest()
                statement.sourceID = "v-1"
                statement.month = String(ISO8601DateFormatter().string(from: Date()).prefix(7))
                await Self.expectStatus(.failedPrecondition, "largest storable amount") { _ = try await c.statement(statement) }
            }
            try await Self.stillServes(c)
            await c.close()
        }
    }

    /// 4: a delivery stored with a time SQLite cannot turn into a day no longer kills stats by day.
    @Test func statsByDaySurviveAStoredTimeOutsideTheCalendar() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1", "E2"])
            try server.execute("UPDATE delivery SET delivered_at_ms = \(Int64.max) WHERE event_id = 'E1'")
            if TestBackend.isSQLite {
                // As a database that held such a row when it was migrated to the aggregates.
                try await server.sqlite().database.pool.write { try V9StatsBuckets.fill($0) }
            }
            for grouping in [Convd_V1_StatsGrouping.week, .month] {
                #expect(try await c.stats(groupBy: grouping).map(\.group).contains("invalid-date"))
            }
            let rows = try await c.stats(groupBy: .day)
            #expect(rows.map(\.group).contains("invalid-date"))
            #expect(rows.map(\.deliveries).reduce(0, +) == 2)
            try await Self.stillServes(c)
            await c.close()
        }
    }

    /// 8 and 9: pathological and oversized patterns.
    @Test func patternsAreBoundedAtPutAndLinearAtRecord() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            for pattern in [String(repeating: "a", count: 1 << 20), "(a)\\1", "(?=x)"] {
                await Self.expectStatus(.invalidArgument, "values[0]") {
                    _ = try await c.putRecipient(Self.recipient("crm-1", patterns: [pattern]))
                }
            }
            _ = try await c.putRecipient(Self.recipient("crm-1", patterns: ["(a+)+$", "^(a|aa)+$", "^(\\w+\\s?)*$"]))
            _ = try await c.putSource(Fixtures.source())
            _ = try await c.recordDelivery(Fixtures.delivery("E1"))
            let evil = String(repeating: "a", count: 40) + "b"
            let r = try await c.recordFeedback(Fixtures.conversion("E1", "Lead", reason: evil))
            #expect(r.outcome == .rejected)
            #expect(r.detail.contains("feedback.reason"))
            try await Self.stillServes(c)
            await c.close()
        }
    }

    /// Reply frames never exceed what the clients accept: a page of large events or conversions
    /// is cut short with a token, and paging still reaches every item exactly once.
    @Test func largePagesAreCutShortUnderTheFrameLimit() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            for i in 0..<20 {
                var f = Fixtures.conversion("E1", "Lead")
                for k in 0..<100 { f.fields["f\(k)"] = String(repeating: "\(i % 10)", count: 4_000) }
                _ = try await c.recordFeedback(f)
            }
            var seen: [UInt64] = [], token = "", pages = 0
            repeat {
                var req = Convd_V1_ListEventsRequest()
                req.pageSize = 1000
                req.pageToken = token
                let page = try await c.listEvents(req)
                #expect((try page.serializedBytes() as [UInt8]).count < 4 * 1024 * 1024)
                seen += page.events.map(\.seq)
                token = page.nextPageToken
                pages += 1
            } while !token.isEmpty
            #expect(pages > 1)
            #expect(seen == Array(Set(seen)).sorted() && seen.count == 20)
            #expect(try await c.conversions(pageSize: 1000).count == 20)
            await c.close()
        }
    }

    /// A client that pipelines calls with large replies and never reads them is dropped once its
    /// queued replies pass the high-water mark plus one maximal frame, instead of the daemon holding
    /// every reply (and the connection) for the whole 30 s grace.
    @Test func aClientThatNeverReadsCostsAtMostTheHighWaterMarkPlusOneFrame() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            for i in 0..<5 {
                var f = Fixtures.conversion("E1", "Lead")
                for k in 0..<100 { f.fields["f\(k)"] = String(repeating: "\(i)", count: 4_000) }
                _ = try await c.recordFeedback(f)
            }
            let hog = try RawSocket(path: server.socketPath, readTimeout: 10)
            var list = Convd_V1_ListEventsRequest()
            list.pageSize = 1000
            let calls = 64
            for id in 1...calls {
                hog.writeFrame(try FramingTests.request(UInt64(id), MethodName(service: "Events", method: "List"), list))
            }
            // The replies pile up while the client reads nothing, until the server drops it.
            try await eventually { server.activity.snapshot()["connections.dropped_slow_reader"] == 1 }
            let (bytes, closed) = hog.drain()
            let limits = ServerConfiguration.Limits()
            print("never-reading client: dropped \(closed), \(bytes) bytes had been sent or queued for it")
            #expect(closed)  // dropped well before the 30 s grace
            #expect(bytes < limits.writeBufferHighWaterMark + 2 * limits.maxFrameLength)  // not 64 replies of ~2 MB
            #expect(server.activity.snapshot()["connections.dropped_slow_reader"] == 1)
            #expect(try await c.health().status == "SERVING")
            await c.close()
        }
    }

    static func recipient(_ id: String, patterns: [String]) -> Convd_V1_Recipient {
        Fixtures.recipient(id, allOf: patterns.map { Fixtures.rule("feedback.reason", .matches, [$0]) })
    }
}
