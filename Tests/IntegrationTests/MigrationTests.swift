import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// The real daemon opens a database written by each shipped schema (the same workload, written by
/// `Tests/Fixtures/make-fixture.sh`) and keeps every figure: from v4, sums become instalments,
/// FakeLead becomes flagged; from every version, old idempotency keys still answer and new writes
/// count on. A new schema version adds its fixture here before it ships.
@Suite(.serialized)
struct MigrationTests {
    /// What one fixture holds and how its WonClient conversion answers, by schema version.
    struct Shipped: Sendable, CustomStringConvertible {
        var version: Int
        /// The WonClient conversion's instalments: v4 kept only a sum, which migrates to one.
        var instalments: [(transactionID: String, minor: Int64, number: Int)]
        /// The RESTATE of INV-1 that brings the total to 3,000.00 EUR: the whole sum in v4, the
        /// INV-1 instalment alone from v5.
        var restateINV1To: Int64
        /// Instalment numbers after the next postback.
        var numbersAfterNext: [Int]

        var description: String { "v\(version)" }
        var path: String {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/convd-v\(version).sqlite").path
        }
    }

    static let shipped: [Shipped] = [
        Shipped(version: 4, instalments: [("INV-3", 350_000, 3)], restateINV1To: 300_000, numbersAfterNext: [3, 4]),
        Shipped(version: 5, instalments: [("INV-1", 100_000, 1), ("INV-2", 200_000, 2), ("INV-3", 50_000, 3)],
                restateINV1To: 50_000, numbersAfterNext: [1, 2, 3, 4]),
        Shipped(version: 11, instalments: [("INV-1", 100_000, 1), ("INV-2", 200_000, 2), ("INV-3", 50_000, 3)],
                restateINV1To: 50_000, numbersAfterNext: [1, 2, 3, 4]),
    ]

    /// Dates the copy's saved idempotency keys to now. The fixtures were written on 2026-11-23 and
    /// keys expire after 7 days, so without this the "old key still answers" check failed from
    /// 2026-11-30 on (as a new postback): the key's age is not what the check is about.
    static func refreshIdempotencyKeys(_ path: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1])
            tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table' AND name IN ('idempotency', 'idempotent_call')")]
            assert tables, "no idempotency table"
            for t in tables:
                c.execute("UPDATE " + t + " SET created_at_ms = ?", (int(time.time() * 1000),))
            c.commit()
            """, path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

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

    @Test(arguments: shipped)
    func aShippedDatabaseKeepsEveryFigureAndCountsOn(_ release: Shipped) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.copyItem(atPath: release.path, toPath: dir.file("convd.sqlite"))
        try Self.refreshIdempotencyKeys(dir.file("convd.sqlite"))
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        let c = try await ConvdClient.connect(socketPath: dir.file("convd.sock"))

        let all = try await c.conversions()
        #expect(all.map(\.conversionType) == ["WonClient", "QualifiedLead", "Lead", "FakeLead"])
        let won = all[0]
        #expect(won.amount.amountMinor == 350_000 && won.approvedAmount.amountMinor == 350_000 && won.postbackCount == 3)
        let got = try await c.conversion(id: won.id)
        #expect(got.instalments.map(\.transactionID) == release.instalments.map(\.transactionID))
        #expect(got.instalments.map(\.amount.amountMinor) == release.instalments.map(\.minor))
        #expect(got.instalments.map { Int($0.number) } == release.instalments.map(\.number))
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
        restate.amount.amountMinor = release.restateINV1To
        restate.amount.currency = "EUR"
        #expect(try await c.adjust(restate).conversion.amount.amountMinor == 300_000)

        // New postbacks number on and sum exactly; an old transaction ID is still a duplicate.
        let next = try await c.recordFeedback(Self.invoice("E1", 10_000, tx: "INV-4"))
        #expect(next.outcome == .incremented && next.conversion.amount.amountMinor == 310_000 && next.conversion.postbackCount == 4)
        #expect(try await c.conversion(id: won.id).instalments.map { Int($0.number) } == release.numbersAfterNext)
        #expect(try await c.recordFeedback(Self.invoice("E1", 1, tx: "INV-1")).outcome == .duplicateIgnored)
        #expect(try await c.stats()[0].approvedValue.map(\.amountMinor) == [310_000, 10_250])
        await c.close()
        #expect(try await daemon.stop() == 0)
    }
}
