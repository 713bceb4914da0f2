import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// Lead cost, return credits and the spend figures, to the minor unit, through the real server.
struct SpendTests {
    static func money(_ minor: Int64, _ currency: String = "USD") -> Convd_V1_Money { Fixtures.money(minor, currency) }

    static func get(_ c: ConvdClient, _ id: String) async throws -> Convd_V1_GetDeliveryResponse {
        var r = Convd_V1_GetDeliveryRequest()
        r.eventID = id
        return try await c.call(Methods.getDelivery, r, returning: Convd_V1_GetDeliveryResponse.self)
    }

    static func retractReturn(_ c: ConvdClient, _ id: String, _ reason: String) async throws -> Convd_V1_DeliveryReturn {
        var r = Convd_V1_RetractReturnRequest()
        r.eventID = id
        r.reason = reason
        return try await c.call(Methods.retractReturn, r, returning: Convd_V1_RetractReturnResponse.self).returnInfo
    }

    static func adjustCost(_ c: ConvdClient, _ id: String, _ cost: Convd_V1_Money?, _ reason: String) async throws -> Convd_V1_AdjustCostResponse {
        var r = Convd_V1_AdjustCostRequest()
        r.eventID = id
        if let cost { r.cost = cost } else { r.remove = true }
        r.reason = reason
        return try await c.call(Methods.adjustCost, r, returning: Convd_V1_AdjustCostResponse.self)
    }

    @Test func costsCreditsAndFiguresAreExact() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            _ = try await c.putRecipient(Fixtures.recipient("crm-1"))
            _ = try await c.putRecipient(Fixtures.recipient("crm-2"))
            var v1 = Fixtures.source("v-1")
            v1.leadCost.defaultCost = Self.money(2_500)
            v1.leadCost.byRecipient = ["crm-2": Self.money(3_000)]
            _ = try await c.putSource(v1)
            _ = try await c.putSource(Fixtures.source("v-2"))
            let deliveries: [(String, String, String, Convd_V1_Money?)] = [
                ("E1", "crm-1", "v-1", Self.money(2_000)), ("E2", "crm-1", "v-1", nil), ("E3", "crm-2", "v-1", nil),
                ("E4", "crm-1", "v-2", nil), ("E5", "crm-2", "v-1", Self.money(1_000, "EUR")),
            ]
            for (id, recipient, source, cost) in deliveries {
                var d = Fixtures.delivery(id, recipient: recipient, source: source)
                if let cost { d.cost = cost }
                let stored = try await c.recordDelivery(d)
                #expect(stored.hasCost == (id != "E4"), "\(id)")
            }
            #expect(try await c.delivery(eventID: "E2").cost == Self.money(2_500))
            #expect(try await c.delivery(eventID: "E3").cost == Self.money(3_000))

            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 10_000, "USD"))
            var pending = Fixtures.conversion("E2", "Lead", 5_000, "USD")
            pending.status = .pending
            _ = try await c.recordFeedback(pending)
            _ = try await c.recordFeedback(Fixtures.conversion("E3", "WonClient", 4_000, "USD"))
            #expect(try await c.recordFeedback(Fixtures.returned("E2")).outcome == .returnRecorded)
            #expect(try await c.recordFeedback(Fixtures.returned("E3")).outcome == .returnRecorded)
            #expect(try await Self.get(c, "E3").returnInfo.credit == Self.money(3_000))

            let retracted = try await Self.retractReturn(c, "E3", "CRM error")
            #expect(retracted.retractedAtMs > 0 && !retracted.hasCredit && retracted.retractReason == "CRM error")
            #expect(retracted.retractedBy.hasPrefix("uid:"))
            await #expect { _ = try await Self.retractReturn(c, "E3", "again") } throws: { ($0 as? StatusError)?.code == .failedPrecondition }
            await #expect { _ = try await Self.retractReturn(c, "E4", "none") } throws: { ($0 as? StatusError)?.code == .notFound }

            let adjusted = try await Self.adjustCost(c, "E1", Self.money(2_200), "renegotiated")
            #expect(adjusted.delivery.cost == Self.money(2_200))
            #expect(adjusted.costHistory.map(\.cost.amountMinor) == [2_000, 2_200])
            #expect(adjusted.costHistory.map(\.reason) == ["recorded with the delivery", "renegotiated"])
            #expect(adjusted.costHistory[1].actor.hasPrefix("uid:"))
            await #expect { _ = try await Self.adjustCost(c, "E1", Self.money(2_200), "same") } throws: {
                ($0 as? StatusError)?.code == .failedPrecondition
            }
            let e2 = try await Self.get(c, "E2")
            #expect(e2.costHistory.map(\.reason) == ["the source's price per lead"] && e2.returnInfo.credit == Self.money(2_500))

            var stats = Convd_V1_StatsRequest()
            stats.groupBy = .recipient
            let rows = try await c.call(Methods.stats, stats, returning: Convd_V1_StatsResponse.self).rows
            let crm1 = try #require(rows.first { $0.group == "crm-1" })
            #expect(crm1.deliveries == 3 && crm1.convertedDeliveries == 2 && crm1.returns == 1)
            #expect(crm1.cost == [Self.money(4_700)] && crm1.credits == [Self.money(2_500)] && crm1.netSpend == [Self.money(2_200)])
            #expect(crm1.approvedValue == [Self.money(10_000)] && crm1.pendingValue == [Self.money(5_000)])
            #expect(crm1.profit == [Self.money(7_800)] && crm1.roiNote.isEmpty)
            #expect(crm1.roi.count == 1 && abs(crm1.roi[0].value - 78.0 / 22.0) < 1e-12 && crm1.roi[0].currency == "USD")
            #expect(crm1.costPerAcquisition == [Self.money(1_100)])
            #expect(crm1.earningsPerLead == [Self.money(3_333)])  // 100.00 / 3, to the cent
            #expect(crm1.returnRateByValue.count == 1 && abs(crm1.returnRateByValue[0].value - 25.0 / 47.0) < 1e-12)

            let crm2 = try #require(rows.first { $0.group == "crm-2" })
            #expect(crm2.deliveries == 2 && crm2.returns == 0 && crm2.credits.isEmpty)
            #expect(crm2.cost == [Self.money(1_000, "EUR"), Self.money(3_000)])
            #expect(crm2.netSpend == [Self.money(1_000, "EUR"), Self.money(3_000)])
            #expect(crm2.profit.isEmpty && crm2.roi.isEmpty)
            #expect(crm2.roiNote == "cost in EUR+USD, revenue in USD: no exchange rate is guessed")
            #expect(crm2.costPerAcquisition == [Self.money(1_000, "EUR"), Self.money(3_000)])
            #expect(crm2.earningsPerLead == [Self.money(2_000)])

            // Removing a cost is a version too; a lead without a cost has none to remove.
            let removed = try await Self.adjustCost(c, "E5", nil, "charged by mistake")
            #expect(!removed.delivery.hasCost && removed.costHistory.map(\.hasCost) == [true, false])
            await #expect { _ = try await Self.adjustCost(c, "E4", nil, "none") } throws: { ($0 as? StatusError)?.code == .failedPrecondition }
            // A cost added to a delivery recorded without one starts its history at the recording.
            let added = try await Self.adjustCost(c, "E4", Self.money(500), "invoice arrived")
            #expect(added.costHistory.map(\.reason) == ["recorded without a cost", "invoice arrived"])
            // Stats see both corrections: crm-2 now has only USD cost.
            let after = try await c.call(Methods.stats, stats, returning: Convd_V1_StatsResponse.self).rows
            let crm2After = try #require(after.first { $0.group == "crm-2" })
            #expect(crm2After.cost == [Self.money(3_000)] && crm2After.profit == [Self.money(1_000)] && crm2After.roiNote.isEmpty)
            await c.close()
        }
    }

    @Test func aRetractedReturnNoLongerCountsAgainstTheCap() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            _ = try await c.putRecipient(Fixtures.recipient("crm-1"))
            var capped = Fixtures.source("v-1")
            capped.returnCap.maxCount = 1
            _ = try await c.putSource(capped)
            for id in ["R1", "R2"] { _ = try await c.recordDelivery(Fixtures.delivery(id)) }
            #expect(try await c.recordFeedback(Fixtures.returned("R1")).outcome == .returnRecorded)
            await #expect { _ = try await c.recordFeedback(Fixtures.returned("R2")) } throws: {
                ($0 as? StatusError)?.code == .failedPrecondition
            }
            _ = try await Self.retractReturn(c, "R1", "returned by mistake")
            #expect(try await c.recordFeedback(Fixtures.returned("R2")).outcome == .returnRecorded)
            let stats = try await c.call(Methods.stats, Convd_V1_StatsRequest(), returning: Convd_V1_StatsResponse.self).rows
            #expect(stats.first?.returns == 1)
            await c.close()
        }
    }

    @Test func aCostCorrectionRetriedWithItsKeyCountsOnce() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            var r = Convd_V1_AdjustCostRequest()
            r.eventID = "E1"
            r.cost = Self.money(1_500)
            r.reason = "invoice"
            let first = try await c.call(Methods.adjustCost, r, returning: Convd_V1_AdjustCostResponse.self, idempotencyKey: "cost-1")
            let again = try await c.call(Methods.adjustCost, r, returning: Convd_V1_AdjustCostResponse.self, idempotencyKey: "cost-1")
            #expect(first == again && first.costHistory.count == 2)
            #expect(try await Self.get(c, "E1").costHistory.count == 2)
            await c.close()
        }
    }
}
