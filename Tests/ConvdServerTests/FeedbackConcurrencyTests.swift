import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Synchronization
import Testing

/// Many clients at once, paging while writing, stats against a recount, and the live watch.
struct FeedbackConcurrencyTests {
    @Test func sixteenClientsIncrementingOneKeyEndWithTheExactSumAndCount() async throws {
        try await TestServer().run { server in
            let admin = try await server.client()
            try await Fixtures.seed(admin, events: ["E1"])
            let perClient = 25
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<16 {
                    group.addTask {
                        let c = try await server.client()
                        for i in 0..<perClient {
                            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", Int64(n * 100 + i)))
                        }
                        await c.close()
                    }
                }
                try await group.waitForAll()
            }
            let all = try await admin.conversions()
            #expect(all.count == 1)
            var expected: Int64 = 0
            for n in 0..<16 { for i in 0..<perClient { expected += Int64(n * 100 + i) } }
            #expect(all[0].amount.amountMinor == expected)
            #expect(all[0].postbackCount == UInt32(16 * perClient))
            #expect(all[0].version == UInt32(16 * perClient))
            let history = try await admin.conversion(id: all[0].id).history
            #expect(history.count == 16 * perClient - 1)
            await admin.close()
        }
    }

    @Test func sixteenClientsSendingTheSameDuplicateEndWithExactlyOneConversion() async throws {
        try await TestServer().run { server in
            let admin = try await server.client()
            try await Fixtures.seed(admin, events: ["E1"])
            let outcomes = Collected<Convd_V1_Outcome>()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        let c = try await server.client()
                        for _ in 0..<10 {
                            let r = try await c.recordFeedback(Fixtures.conversion("E1", "FakeLead"))
                            outcomes.append(r.outcome)
                        }
                        await c.close()
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await admin.conversions().count == 1)
            let all = outcomes.values
            #expect(all.filter { $0 == .created }.count == 1)
            #expect(all.filter { $0 == .duplicateIgnored }.count == 159)
            await admin.close()
        }
    }

    @Test func pagingReturnsEveryRowExactlyOnceWhileRowsAreInserted() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            for _ in 0..<250 { _ = try await c.recordFeedback(Fixtures.conversion("E1", "Lead")) }
            let before = Set(try await c.conversions(pageSize: 1000).map(\.id))
            #expect(before.count == 250)
            // Page through 7 at a time while another client keeps inserting.
            let writer = Task {
                let w = try await server.client()
                for _ in 0..<100 { _ = try await w.recordFeedback(Fixtures.conversion("E1", "Lead")) }
                await w.close()
            }
            var seen: [String] = []
            var request = Convd_V1_ListConversionsRequest()
            request.pageSize = 7
            repeat {
                let page = try await c.listConversions(request)
                seen += page.conversions.map(\.id)
                request.pageToken = page.nextPageToken
            } while !request.pageToken.isEmpty
            try await writer.value
            #expect(seen.count == Set(seen).count)  // nothing twice
            #expect(before.isSubset(of: Set(seen)))  // every row that existed, once
            var bad = Convd_V1_ListConversionsRequest()
            bad.pageToken = "garbage"
            do {
                _ = try await c.listConversions(bad)
                Issue.record("expected INVALID_ARGUMENT")
            } catch let e as StatusError {
                #expect(e.code == .invalidArgument)
                #expect(e.message == "page_token: 'garbage' is not a page token from this server")
                #expect(e.status.violations.map(\.field) == ["page_token"])
            }
            bad.pageToken = ""
            bad.pageSize = 1001
            await #expect(throws: StatusError.self) { _ = try await c.listConversions(bad) }
            await c.close()
        }
    }

    @Test func statsMatchARecountFromTheRawEvents() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            _ = try await c.putRecipient(Fixtures.recipient("crm-1"))
            _ = try await c.putRecipient(Fixtures.recipient("crm-2"))
            _ = try await c.putSource(Fixtures.source("v-1"))
            _ = try await c.putSource(Fixtures.source("v-2"))
            var rng = SystemRandomNumberGenerator()
            var events: [String] = []
            for i in 0..<40 {
                let d = try await c.recordDelivery(Fixtures.delivery(recipient: i % 3 == 0 ? "crm-2" : "crm-1", source: i % 2 == 0 ? "v-1" : "v-2",
                                                                    test: i % 10 == 9))
                events.append(d.eventID)
            }
            let types = ["Lead", "WonClient", "FakeLead", "QualifiedLead"]
            for _ in 0..<200 {
                let e = events[Int.random(in: 0..<events.count, using: &rng)]
                if Int.random(in: 0..<10, using: &rng) == 0 {
                    _ = try await c.recordFeedback(Fixtures.returned(e))
                } else {
                    let currency = Bool.random(using: &rng) ? "EUR" : "USD"
                    _ = try? await c.recordFeedback(Fixtures.conversion(e, types.randomElement(using: &rng)!, Int64.random(in: 1...5000, using: &rng), currency))
                }
            }
            _ = try await c.retract(conversionID: try await c.conversions()[0].id)
            // Recount: replay the event log and the conversions' final states.
            let allEvents = try await Self.allEvents(c)
            let conversions = try await c.conversions(filter: { var f = Convd_V1_ConversionFilter(); f.includeTest = true; return f }())
            for groupBy in [Convd_V1_StatsGrouping.unspecified, .recipient, .source] {
                let rows = try await c.stats(groupBy: groupBy)
                for row in rows {
                    func inGroup(recipient: String, source: String) -> Bool {
                        switch groupBy {
                        case .recipient: recipient == row.group
                        case .source: source == row.group
                        default: true
                        }
                    }
                    let live = conversions.filter { !$0.test && inGroup(recipient: $0.recipientID, source: $0.sourceID) }
                    let alive = live.filter { $0.status == .approved || $0.status == .pending }
                    let counted = alive.filter { !$0.negative }
                    #expect(row.conversions == UInt64(counted.count))
                    // FakeLead is negative by default: flagged, never a conversion or revenue.
                    #expect(row.flagged == UInt64(alive.filter(\.negative).count))
                    #expect(alive.filter(\.negative).allSatisfy { $0.conversionType == "FakeLead" })
                    #expect(row.convertedDeliveries == UInt64(Set(counted.map(\.eventID)).count))
                    #expect(row.conversionRate <= 1)
                    #expect(row.retractedConversions == UInt64(live.filter { $0.status == .retracted }.count))
                    for currency in ["EUR", "USD"] {
                        let sum = counted.filter { $0.amount.currency == currency }.map(\.approvedAmount.amountMinor).reduce(0, +)
                        #expect((row.approvedValue.first { $0.currency == currency }?.amountMinor ?? 0) == sum)
                    }
                    let returns = allEvents.filter { $0.outcome == .returnRecorded && !$0.test && inGroup(recipient: $0.recipientID, source: $0.sourceID) }
                    #expect(row.returns == UInt64(returns.count))
                    // Every INCREMENTED and CREATED event of a still-counted conversion adds up to its amount.
                    let byConversion = Dictionary(grouping: allEvents.filter { [.created, .incremented].contains($0.outcome) }, by: \.conversionID)
                    for conv in counted where conv.mode == .increment {
                        let sum = byConversion[conv.id, default: []].map(\.feedback.amount.amountMinor).reduce(0, +)
                        #expect(sum == conv.amount.amountMinor)
                    }
                }
            }
            await c.close()
        }
    }

    static func allEvents(_ c: ConvdClient) async throws -> [Convd_V1_FeedbackEvent] {
        var all: [Convd_V1_FeedbackEvent] = []
        var r = Convd_V1_ListEventsRequest()
        r.pageSize = 1000
        repeat {
            let page = try await c.listEvents(r)
            all += page.events
            r.pageToken = page.nextPageToken
        } while !r.pageToken.isEmpty
        return all
    }

    @Test func watchDeliversEachCommittedEventOnceInOrderAndEndsOnCancel() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1", "E2"])
            let before = try await c.recordFeedback(Fixtures.conversion("E1", "Lead"))  // not delivered: the watch starts after it
            let received = Collected<UInt64>()
            let watcher = try await server.client()
            var request = Convd_V1_WatchEventsRequest()
            request.afterSeq = before.eventSeq
            let watching = Task {
                for try await part in try watcher.watchEvents(request) {
                    received.append(part.event.seq)
                }
            }
            // Three writers at once, 30 events in all, some refused (still events).
            try await withThrowingTaskGroup(of: Void.self) { group in
                for w in 0..<3 {
                    group.addTask {
                        let wc = try await server.client()
                        for i in 0..<10 {
                            _ = try? await wc.recordFeedback(Fixtures.conversion(i == 5 ? "missing" : "E\(w % 2 + 1)", "WonClient", 10))
                        }
                        await wc.close()
                    }
                }
                try await group.waitForAll()
            }
            let committed = try await Self.allEvents(c).map(\.seq).dropFirst()
            for _ in 0..<300 where received.count < committed.count { try await Task.sleep(for: .milliseconds(10)) }
            #expect(received.values == Array(committed))
            watching.cancel()
            _ = await watching.result
            #expect(try await watcher.health().status == "SERVING")  // the connection is fine after the cancel
            await watcher.close()
            await c.close()
        }
    }
}
