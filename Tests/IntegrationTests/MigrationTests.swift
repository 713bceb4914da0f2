import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// The real daemon opens a database written by the previous release (schema v4, made by
/// `Tests/Fixtures/make-v4-fixture.sh` with commit 3145fee) and keeps every figure: sums become
/// instalments, FakeLead becomes flagged, old idempotency keys still answer, and new writes count on.
@Suite(.serialized)
struct MigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/convd-v4.sqlite").path

    static func invoice(_ event: String, _ minor: Int64, tx: String, key: String = "") -> Convd_V1_FeedbackReport {
        var f = Convd_V1_FeedbackReport()
        f.eventID = event
        f.kind = .conversion
        f.conversionType = "WonClient"
        f.amount.amountMinor = minor
        f.amount.currency = "EUR"
        f.transactionID = tx
        return f
    }

    @Test func aVersion4DatabaseKeepsEveryFigureAndCountsOn() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: dir.file("convd.sqlite"))
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        let c = try await ConvdClient.connect(socketPath: dir.file("convd.sock"))

        let all = try await c.conversions()
        #expect(all.map(\.conversionType) == ["WonClient", "QualifiedLead", "Lead", "FakeLead"])
        let won = all[0]
        #expect(won.amount.amountMinor == 350_000 && won.approvedAmount.amountMinor == 350_000 && won.postbackCount == 3)
        let got = try await c.conversion(id: won.id)
        #expect(got.instalments.map(\.transactionID) == ["INV-3"] && got.instalments.map(\.amount.amountMinor) == [350_000])
        #expect(got.instalments.map(\.number) == [3])
        #expect(got.history.count == 2)
        #expect(all[3].negative && !all[0].negative)

        let stats = try await c.stats()[0]
        #expect(stats.deliveries == 3 && stats.conversions == 3 && stats.flagged == 1)
        #expect(stats.convertedDeliveries == 2 && stats.returns == 1)
        #expect(stats.approvedValue.map(\.currency) == ["EUR", "USD"])
        #expect(stats.approvedValue.map(\.amountMinor) == [350_000, 10_250])

        // A key saved before the upgrade still answers its first answer and changes nothing.
        let retried = try await c.recordFeedback(Self.invoice("E1", 200_000, tx: "INV-2"), idempotencyKey: "k-inv-2")
        #expect(retried.outcome == .incremented && retried.conversion.amount.amountMinor == 300_000)
        #expect(try await c.conversion(id: won.id).amount.amountMinor == 350_000)

        // A transaction ID merged into the one instalment still finds the conversion.
        var restate = Convd_V1_AdjustRequest()
        var t = Convd_V1_TransactionRef()
        t.recipientID = "crm-1"
        t.transactionID = "INV-1"
        restate.transaction = t
        restate.kind = .restate
        restate.amount.amountMinor = 300_000
        restate.amount.currency = "EUR"
        #expect(try await c.adjust(restate).conversion.amount.amountMinor == 300_000)

        // New postbacks number on and sum exactly; an old transaction ID is still a duplicate.
        let next = try await c.recordFeedback(Self.invoice("E1", 10_000, tx: "INV-4"))
        #expect(next.outcome == .incremented && next.conversion.amount.amountMinor == 310_000 && next.conversion.postbackCount == 4)
        #expect(try await c.conversion(id: won.id).instalments.map(\.number) == [3, 4])
        #expect(try await c.recordFeedback(Self.invoice("E1", 1, tx: "INV-1")).outcome == .duplicateIgnored)
        #expect(try await c.stats()[0].approvedValue.map(\.amountMinor) == [310_000, 10_250])
        await c.close()
        #expect(try await daemon.stop() == 0)
    }
}
