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

    /// What the test itself expects of one conversion, worked out from the modes (not read back).
    private struct ModelConversion {
        var id: String
        var eventID: String
        var type: String
        var amountMinor: Int64
        var currency: String
        var retracted = false
    }

    /// One delivery of the recount test, with everything stats group or filter by.
    private struct ModelDelivery {
        var eventID: String
        var recipient: String
        var source: String
        var test: Bool
        var currency: String
        var returned = false
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func statsMatchAnIndependentRecount(seed: UInt64) async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            _ = try await c.putRecipient(Fixtures.recipient("crm-1"))
            _ = try await c.putRecipient(Fixtures.recipient("crm-2"))
            _ = try await c.putSource(Fixtures.source("v-1"))
            _ = try await c.putSource(Fixtures.source("v-2"))
            var rng = SeededGenerator(seed: seed)
            var deliveries: [ModelDelivery] = []
            for i in 0..<40 {
                // One currency per delivery, so no postback is refused for mixing currencies.
                let model = ModelDelivery(eventID: "", recipient: i % 3 == 0 ? "crm-2" : "crm-1", source: i % 2 == 0 ? "v-1" : "v-2",
                                          test: i % 10 == 9, currency: i % 4 < 2 ? "EUR" : "USD")
                let d = try await c.recordDelivery(Fixtures.delivery(recipient: model.recipient, source: model.source, test: model.test))
                deliveries.append(model)
                deliveries[i].eventID = d.eventID
            }
            // The modes, worked out here: Lead CREATE_NEW, QualifiedLead UPDATE (latest amount),
            // FakeLead IGNORE_DUPLICATES (negative: flagged), WonClient INCREMENT (summed).
            var conversions: [ModelConversion] = []
            let types = ["Lead", "WonClient", "FakeLead", "QualifiedLead"]
            let base = Int64(Date().timeIntervalSince1970 * 1000) - 3_600_000
            for step in 0..<200 {
                let d = Int.random(in: 0..<deliveries.count, using: &rng)
                let delivery = deliveries[d]
                if Int.random(in: 0..<10, using: &rng) == 0 {
                    let result = try await c.recordFeedback(Fixtures.returned(delivery.eventID))
                    #expect(result.outcome == (delivery.returned ? .duplicateIgnored : .returnRecorded), "step \(step)")
                    deliveries[d].returned = true
                    continue
                }
                let type = types.randomElement(using: &rng)!
                let amount = Int64.random(in: 1...5000, using: &rng)
                // occurred_at rises with each step, so no UPDATE postback is stale.
                let result = try await c.recordFeedback(Fixtures.conversion(delivery.eventID, type, amount, delivery.currency,
                                                                            occurredAtMs: base + Int64(step)))
                let existing = conversions.firstIndex { $0.eventID == delivery.eventID && $0.type == type }
                switch (type, existing) {
                case ("Lead", _), (_, nil):
                    #expect(result.outcome == .created, "step \(step): \(type)")
                    conversions.append(ModelConversion(id: result.conversion.id, eventID: delivery.eventID, type: type,
                                                       amountMinor: amount, currency: delivery.currency))
                case ("FakeLead", _?):
                    #expect(result.outcome == .duplicateIgnored, "step \(step)")
                case ("QualifiedLead", let i?):
                    #expect(result.outcome == .updated, "step \(step)")
                    conversions[i].amountMinor = amount
                case (_, let i?):
                    #expect(result.outcome == .incremented, "step \(step)")
                    conversions[i].amountMinor += amount
                }
            }
            let retracted = Int.random(in: 0..<conversions.count, using: &rng)
            _ = try await c.retract(conversionID: conversions[retracted].id)
            conversions[retracted].retracted = true

            let byEvent = Dictionary(uniqueKeysWithValues: deliveries.map { ($0.eventID, $0) })
            for groupBy in [Convd_V1_StatsGrouping.unspecified, .recipient, .source] {
                func group(of d: ModelDelivery) -> String {
                    switch groupBy {
                    case .recipient: d.recipient
                    case .source: d.source
                    default: ""
                    }
                }
                let rows = try await c.stats(groupBy: groupBy)
                let expectedGroups = Set(deliveries.filter { !$0.test }.map(group(of:)))
                #expect(Set(rows.map(\.group)) == expectedGroups, "\(groupBy)")
                for row in rows {
                    let inGroup = deliveries.filter { !$0.test && group(of: $0) == row.group }
                    let events = Set(inGroup.map(\.eventID))
                    let live = conversions.filter { events.contains($0.eventID) }
                    let alive = live.filter { !$0.retracted }
                    let counted = alive.filter { $0.type != "FakeLead" }
                    #expect(row.deliveries == UInt64(inGroup.count), "\(groupBy) \(row.group)")
                    #expect(row.conversions == UInt64(counted.count), "\(groupBy) \(row.group)")
                    #expect(row.flagged == UInt64(alive.count - counted.count), "\(groupBy) \(row.group)")
                    #expect(row.convertedDeliveries == UInt64(Set(counted.map(\.eventID)).count), "\(groupBy) \(row.group)")
                    #expect(row.retractedConversions == UInt64(live.count - alive.count), "\(groupBy) \(row.group)")
                    #expect(row.returns == UInt64(inGroup.filter(\.returned).count), "\(groupBy) \(row.group)")
                    for currency in ["EUR", "USD"] {
                        let sum = counted.filter { byEvent[$0.eventID]!.currency == currency }.map(\.amountMinor).reduce(0, +)
                        #expect((row.approvedValue.first { $0.currency == currency }?.amountMinor ?? 0) == sum,
                                "\(groupBy) \(row.group) \(currency)")
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
            try await received.wait(forCount: committed.count)
            #expect(received.values == Array(committed))
            watching.cancel()
            _ = await watching.result
            #expect(try await watcher.health().status == "SERVING")  // the connection is fine after the cancel
            await watcher.close()
            await c.close()
        }
    }
}
