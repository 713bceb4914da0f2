import ConvdClient
import ConvdCore
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import GRDB
import Testing

/// INCREMENT keeps its instalments: each invoice is adjusted on its own, totals are sums over the
/// instalments by status, and stats agree with a recount from the instalments table.
struct InstalmentTests {
    static func invoice(_ event: String, _ minor: Int64, tx: String, status: Convd_V1_ConversionStatus = .unspecified,
                        type: String = "WonClient") -> Convd_V1_FeedbackReport {
        var f = Fixtures.conversion(event, type, minor)
        f.transactionID = tx
        f.status = status
        return f
    }

    static func byTransaction(_ tx: String, _ kind: Convd_V1_AdjustmentKind, minor: Int64? = nil,
                              currency: String = "EUR") -> Convd_V1_AdjustRequest {
        var r = Convd_V1_AdjustRequest()
        var t = Convd_V1_TransactionRef()
        t.recipientID = "crm-1"
        t.transactionID = tx
        r.transaction = t
        r.kind = kind
        if let minor {
            r.amount.amountMinor = minor
            r.amount.currency = currency
        }
        return r
    }

    /// Approved and pending sums straight from the stored instalments (read through the storage,
    /// whichever backend), the recount stats must match.
    static func recount(_ server: RunningServer) async throws -> (approved: Int64, pending: Int64) {
        var filter = ConversionFilter()
        filter.includeTest = true
        var (approved, pending): (Int64, Int64) = (0, 0)
        for (_, c) in try await server.storage.listConversions(filter, afterSeq: 0, limit: 10_000)
        where c.status != .retracted && !c.negative {
            for i in try await server.storage.conversion(id: c.id).instalments {
                if i.status == .approved { approved += i.amount?.amountMinor ?? 0 }
                if i.status == .pending { pending += i.amount?.amountMinor ?? 0 }
            }
        }
        return (approved, pending)
    }


    @Test func threeInvoicesThenARestateAndARetractOfTheMiddleOne() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let first = try await c.recordFeedback(Self.invoice("E1", 100_000, tx: "INV-1"))
            _ = try await c.recordFeedback(Self.invoice("E1", 200_000, tx: "INV-2"))
            let third = try await c.recordFeedback(Self.invoice("E1", 50_000, tx: "INV-3"))
            #expect(third.outcome == .incremented)
            #expect(third.conversion.amount.amountMinor == 350_000 && third.conversion.approvedAmount.amountMinor == 350_000)
            let id = first.conversion.id

            var got = try await c.conversion(id: id)
            #expect(got.instalments.map(\.transactionID) == ["INV-1", "INV-2", "INV-3"])
            #expect(got.instalments.map(\.amount.amountMinor) == [100_000, 200_000, 50_000])
            #expect(got.instalments.map(\.number) == [1, 2, 3])

            // A partial refund of INV-2 only: the total changes by the difference.
            let restated = try await c.adjust(Self.byTransaction("INV-2", .restate, minor: 150_000))
            #expect(restated.conversion.amount.amountMinor == 300_000)
            got = try await c.conversion(id: id)
            #expect(got.instalments.map(\.amount.amountMinor) == [100_000, 150_000, 50_000])
            #expect(got.instalments.map(\.version) == [1, 4, 3])

            // A charge-back of INV-2: its amount leaves the total, the others stay approved.
            let retracted = try await c.adjust(Self.byTransaction("INV-2", .retract))
            #expect(retracted.conversion.status == .approved)
            #expect(retracted.conversion.amount.amountMinor == 150_000 && retracted.conversion.approvedAmount.amountMinor == 150_000)
            got = try await c.conversion(id: id)
            #expect(got.instalments.map(\.status) == [.approved, .retracted, .approved])
            #expect(got.version == 5 && got.postbackCount == 3)

            // The first invoice is found on its own (it used to be NOT_FOUND), and a retracted one cannot move.
            let restatedFirst = try await c.adjust(Self.byTransaction("INV-1", .restate, minor: 90_000))
            #expect(restatedFirst.conversion.amount.amountMinor == 140_000)
            await #expect(throws: StatusError(.failedPrecondition, "instalment 2 of conversion \(id) cannot move from RETRACTED to APPROVED")) {
                _ = try await c.adjust(Self.byTransaction("INV-2", .approve))
            }
            // RESTATE of the whole conversion is ambiguous with several instalments.
            var whole = Convd_V1_AdjustRequest()
            whole.conversionID = id
            whole.kind = .restate
            whole.amount.amountMinor = 1
            whole.amount.currency = "EUR"
            await #expect(throws: StatusError(.failedPrecondition, "conversion \(id) has 3 instalments; RESTATE one of them by its transaction ID")) {
                _ = try await c.adjust(whole)
            }

            let stats = try await c.stats()[0]
            #expect(stats.approvedValue.map(\.amountMinor) == [140_000] && stats.pendingValue.isEmpty)
            #expect(stats.conversions == 1)
            let recount = try await Self.recount(server)
            #expect(recount.approved == 140_000 && recount.pending == 0)
            await c.close()
        }
    }

    @Test func aPendingInstalmentIsPendingUntilApprovedAndARejectedOneCountsNowhere() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let sale = try await c.recordFeedback(Self.invoice("E1", 100_000, tx: "INV-1"))
            let pending = try await c.recordFeedback(Self.invoice("E1", 40_000, tx: "INV-2", status: .pending))
            #expect(pending.conversion.status == .approved)
            #expect(pending.conversion.approvedAmount.amountMinor == 100_000 && pending.conversion.pendingAmount.amountMinor == 40_000)
            #expect(pending.conversion.amount.amountMinor == 140_000)
            var stats = try await c.stats()[0]
            #expect(stats.approvedValue.map(\.amountMinor) == [100_000] && stats.pendingValue.map(\.amountMinor) == [40_000])

            // A REJECTED postback is kept as an instalment and added to nothing.
            let rejected = try await c.recordFeedback(Self.invoice("E1", 20_000, tx: "INV-3", status: .rejected))
            #expect(rejected.outcome == .incremented && rejected.conversion.amount.amountMinor == 140_000)

            let approved = try await c.adjust(Self.byTransaction("INV-2", .approve))
            #expect(approved.conversion.approvedAmount.amountMinor == 140_000 && !approved.conversion.hasPendingAmount)
            stats = try await c.stats()[0]
            #expect(stats.approvedValue.map(\.amountMinor) == [140_000] && stats.pendingValue.isEmpty)
            let got = try await c.conversion(id: sale.conversion.id)
            #expect(got.instalments.map(\.status) == [.approved, .approved, .rejected])
            let recount = try await Self.recount(server)
            #expect(recount.approved == 140_000 && recount.pending == 0)

            // Retracting the whole conversion retracts every instalment; the charge-back keeps its last amount.
            let all = try await c.retract(conversionID: sale.conversion.id, reason: "charge-back")
            #expect(all.conversion.status == .retracted && all.conversion.amount.amountMinor == 140_000)
            #expect(try await c.conversion(id: sale.conversion.id).instalments.allSatisfy { $0.status == .retracted })
            stats = try await c.stats()[0]
            #expect(stats.approvedValue.isEmpty && stats.retractedConversions == 1 && stats.conversions == 0)
            await c.close()
        }
    }

    @Test func aPendingFirstInvoiceMakesAPendingConversionThatApprovesByTransaction() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let first = try await c.recordFeedback(Self.invoice("E1", 5_000, tx: "R-1", status: .pending, type: "RecurringRevenue"))
            #expect(first.conversion.status == .pending && first.conversion.pendingAmount.amountMinor == 5_000)
            let approved = try await c.adjust(Self.byTransaction("R-1", .approve))
            #expect(approved.conversion.status == .approved && approved.conversion.approvedAmount.amountMinor == 5_000)
            let stats = try await c.stats()[0]
            #expect(stats.pendingConversions == 0 && stats.approvedValue.map(\.amountMinor) == [5_000])
            await c.close()
        }
    }

    @Test func eachInvoiceIsForwardedWithItsOwnAmountAndTheTotalApart() async throws {
        let http = TestHTTPServer { _, _ in .status(200) }
        let base = try await http.start()
        try await TestServer().run { server in
            let c = try await server.client()
            try await ForwardingTests.seed(c, ForwardingTests.source("v-1", url: base, mapping: [
                "tx": "{transaction_id}", "amt": "{amount}", "tot": "{total_amount}", "st": "{status}", "adj": "{adjustment}", "n": "{instalment}",
            ]))
            _ = try await c.recordFeedback(Self.invoice("E1", 100_000, tx: "INV-1"))
            _ = try await c.recordFeedback(Self.invoice("E1", 200_000, tx: "INV-2"))
            _ = try await c.adjust(Self.byTransaction("INV-2", .restate, minor: 150_000))
            _ = try await c.adjust(Self.byTransaction("INV-2", .retract))
            try await eventually { http.received.count >= 4 }
            #expect(http.received.map(\.body) == [
                #"{"adj":"","amt":"1000.00","n":"1","st":"APPROVED","tot":"1000.00","tx":"INV-1"}"#,
                #"{"adj":"","amt":"2000.00","n":"2","st":"APPROVED","tot":"3000.00","tx":"INV-2"}"#,
                #"{"adj":"RESTATE","amt":"1500.00","n":"2","st":"APPROVED","tot":"2500.00","tx":"INV-2"}"#,
                #"{"adj":"RETRACT","amt":"1500.00","n":"2","st":"RETRACTED","tot":"1000.00","tx":"INV-2"}"#,
            ])
            await c.close()
        }
        await http.stop()
    }
}
