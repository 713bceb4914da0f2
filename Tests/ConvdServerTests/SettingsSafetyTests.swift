import ConvdClient
import ConvdProto
import ConvdStore
import ConvdTestSupport
import ConvdWire
import Foundation
import GRDB
import Testing

/// Money is never erased by a configuration change, and settings cannot be wiped by accident.
struct SettingsSafetyTests {
    @Test func deletingARecipientWithHistoryArchivesItAndRestoreBringsItBack() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let sale = try await c.recordFeedback(InstalmentTests.invoice("E1", 100_000, tx: "INV-1"))
            let before = try await c.stats()[0]

            #expect(try await c.deleteRecipient(id: "crm-1"))  // archived, not deleted
            #expect(try await c.recipients().isEmpty)
            #expect(try await c.recipients(includeArchived: true).map(\.id) == ["crm-1"])
            #expect(try await c.recipient(id: "crm-1").archivedAtMs > 0)
            // History is kept: the delivery, the conversion, the events, the stats.
            #expect(try await c.delivery(eventID: "E1").recipientID == "crm-1")
            #expect(try await c.conversion(id: sale.conversion.id).amount.amountMinor == 100_000)
            #expect(try await c.stats()[0] == before)
            // New deliveries and feedback are refused, naming it.
            await HardeningTests.expectStatus(.failedPrecondition, "recipient 'crm-1' is archived (since ") {
                _ = try await c.recordDelivery(Fixtures.delivery("E2"))
            }
            await HardeningTests.expectStatus(.failedPrecondition, "); restore it to record feedback") {
                _ = try await c.recordFeedback(InstalmentTests.invoice("E1", 5, tx: "INV-2"))
            }
            // Re-recording the same event ID cannot make an orphan: the delivery is still there.
            #expect(try await c.conversion(id: sale.conversion.id).postbackCount == 1)

            let restored = try await c.restoreRecipient(id: "crm-1")
            #expect(restored.archivedAtMs == 0)
            #expect(try await c.recordFeedback(InstalmentTests.invoice("E1", 5_000, tx: "INV-2")).outcome == .incremented)
            await #expect(throws: StatusError(.alreadyExists, "a delivery with event ID 'E1' already exists")) {
                _ = try await c.recordDelivery(Fixtures.delivery("E1"))
            }
            await #expect(throws: StatusError(.failedPrecondition, "recipient 'crm-1' is not archived")) {
                _ = try await c.restoreRecipient(id: "crm-1")
            }
            // A source with history is archived too; one with none is deleted.
            #expect(try await c.deleteSource(id: "v-1"))
            await HardeningTests.expectStatus(.failedPrecondition, "source 'v-1' is archived") {
                _ = try await c.recordFeedback(InstalmentTests.invoice("E1", 5, tx: "INV-3"))
            }
            _ = try await c.restoreSource(id: "v-1")
            _ = try await c.putSource(Fixtures.source("v-2"))
            #expect(try await c.deleteSource(id: "v-2") == false)
            await #expect(throws: StatusError(.notFound, "no source 'v-2'")) { _ = try await c.source(id: "v-2") }
            await c.close()
        }
    }

    @Test func aPutChangesOnlyTheFieldsItNamesAndAStaleStampIsAborted() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            var s = Fixtures.source("vendor-1")
            s.name = "Vendor One"
            s.returnCap.maxCount = 20
            s.forwarding.url = "https://vendor.example/postback"
            s.forwarding.headers = ["X-Api-Key": "secret-123"]
            s.forwarding.fieldMapping = ["cid": "{click_id}"]
            s.forwarding.conversions = true
            let created = try await c.putSource(s).source

            var change = Convd_V1_Source()
            change.id = "vendor-1"
            change.forwarding.url = "https://vendor.example/v2"
            let changed = try await c.putSource(change, updateFields: ["forwarding.url"]).source
            let stored = try await c.source(id: "vendor-1", showSecrets: true)
            #expect(stored.forwarding.url == "https://vendor.example/v2")
            #expect(stored.name == "Vendor One" && stored.returnCap.maxCount == 20)
            #expect(stored.forwarding.headers == ["X-Api-Key": "secret-123"] && stored.forwarding.fieldMapping == ["cid": "{click_id}"])
            #expect(changed.updatedAtMs > created.updatedAtMs && changed.createdAtMs == created.createdAtMs)

            // A whole Put fed the masked Get output keeps the secret instead of storing "****".
            var masked = try await c.source(id: "vendor-1")
            #expect(masked.forwarding.headers["X-Api-Key"] == "****")
            masked.name = "Vendor 1"
            _ = try await c.putSource(masked)
            #expect(try await c.source(id: "vendor-1", showSecrets: true).forwarding.headers["X-Api-Key"] == "secret-123")

            // Optimistic concurrency: a stale stamp is ABORTED naming both.
            let now = try await c.source(id: "vendor-1").updatedAtMs
            await #expect(throws: StatusError(.aborted,
                "source 'vendor-1' was changed since it was read: stored updated_at_ms is \(now), expected \(created.updatedAtMs); read it again and retry")) {
                _ = try await c.putSource(change, updateFields: ["name"], expectedUpdatedAtMs: created.updatedAtMs)
            }
            #expect(try await c.putSource(change, updateFields: ["name"], expectedUpdatedAtMs: now).source.name == "")
            await HardeningTests.expectStatus(.invalidArgument, "update_fields: unknown field 'forwarding.nope'; known: forwarding, forwarding.adjustments") {
                _ = try await c.putSource(change, updateFields: ["forwarding.nope"])
            }

            // A recipient renamed keeps its rule set.
            _ = try await c.putRecipient(Fixtures.recipient("crm-1", allOf: [Fixtures.rule("feedback.reason", .equals, ["Sale"])]))
            var rename = Convd_V1_Recipient()
            rename.id = "crm-1"
            rename.name = "X"
            let renamed = try await c.putRecipient(rename, updateFields: ["name"]).recipient
            #expect(renamed.name == "X" && renamed.feedback.rules.nodes.count == 1)
            await c.close()
        }
    }

    @Test func fakeLeadIsFlaggedAndTheRateNeverPassesAHundredPercent() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1", "E2"])
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 1_000))
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "Lead", 300))
            let fake = try await c.recordFeedback(Fixtures.conversion("E1", "FakeLead", 999))
            _ = try await c.recordFeedback(Fixtures.conversion("E2", "FakeLead"))
            #expect(fake.conversion.negative)
            let all = try await c.stats()[0]
            #expect(all.deliveries == 2 && all.conversions == 2 && all.flagged == 2)
            #expect(all.convertedDeliveries == 1 && all.conversionRate == 0.5)
            #expect(all.approvedValue.map(\.amountMinor) == [1_300])  // FakeLead's 999 is never revenue
            let byType = Dictionary(uniqueKeysWithValues: try await c.stats(groupBy: .type).map { ($0.group, $0) })
            #expect(byType["FakeLead"]?.conversions == 0 && byType["FakeLead"]?.flagged == 2 && byType["FakeLead"]?.conversionRate == 0)
            #expect(byType["WonClient"]?.conversions == 1 && byType["WonClient"]?.conversionRate == 0.5)
            #expect(byType["Lead"]?.deliveries == 2)

            // A recipient may say FakeLead is positive for it.
            _ = try await c.putRecipient(Fixtures.recipient("crm-1") { f in
                f.conversionTypes = [{ var t = Convd_V1_ConversionTypeSetting(); t.name = "FakeLead"; t.mode = .createNew
                                       t.polarity = .positive; return t }()]
            })
            #expect(try await c.recordFeedback(Fixtures.conversion("E2", "FakeLead")).conversion.negative == false)
            #expect(try await c.stats()[0].conversionRate == 1)
            await c.close()
        }
    }

    @Test func aCurrencyThatIsNotActiveISO4217IsRefused() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            await HardeningTests.expectStatus(.invalidArgument, "feedback.amount.currency: 'XYZ' is not an active ISO 4217 currency") {
                _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100, "XYZ"))
            }
            await HardeningTests.expectStatus(.invalidArgument, "feedback.amount.currency: 'HRK' is not an active ISO 4217 currency") {
                _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100, "HRK"))
            }
            let sale = try await c.recordFeedback(InstalmentTests.invoice("E1", 100, tx: "INV-1"))
            await HardeningTests.expectStatus(.invalidArgument, "amount.currency: 'XYZ' is not an active ISO 4217 currency") {
                _ = try await c.adjust(InstalmentTests.byTransaction("INV-1", .restate, minor: 1, currency: "XYZ"))
            }
            #expect(try await c.conversions().count == 1)
            #expect(try await c.stats()[0].approvedValue.map(\.currency) == ["EUR"])
            #expect(sale.conversion.amount.currency == "EUR")
            await c.close()
        }
    }

    // Writes a row by hand through SQLite: SQLite only.
    @Test(.enabled(if: TestBackend.isSQLite)) func aStoredValueThisBinaryDoesNotKnowIsAnErrorNotADefault() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let sale = try await c.recordFeedback(InstalmentTests.invoice("E1", 100, tx: "INV-1"))
            // As a newer convd would write it.
            try await server.sqlite().writer.write { db in
                try db.execute(sql: "UPDATE conversion SET status = 'DISPUTED' WHERE id = ?", arguments: [sale.conversion.id])
            }
            let expected = "conversion \(sale.conversion.id) status is 'DISPUTED', which this convd (\(Self.schema)) does not know; a newer convd wrote it: run that version or restore a backup"
            await #expect(throws: StatusError(.failedPrecondition, expected)) { _ = try await c.conversion(id: sale.conversion.id) }
            await #expect(throws: StatusError(.failedPrecondition, expected)) { _ = try await c.conversions() }
            await #expect(throws: StatusError(.failedPrecondition, expected)) {
                _ = try await c.recordFeedback(InstalmentTests.invoice("E1", 5, tx: "INV-2"))
            }
            try await server.sqlite().writer.write { db in
                try db.execute(sql: "UPDATE conversion SET status = 'APPROVED', mode = 'SPLIT' WHERE id = ?", arguments: [sale.conversion.id])
            }
            await HardeningTests.expectStatus(.failedPrecondition, "conversion \(sale.conversion.id) mode is 'SPLIT'") {
                _ = try await c.conversion(id: sale.conversion.id)
            }
            try await server.sqlite().writer.write { db in
                try db.execute(sql: "UPDATE conversion SET mode = 'INCREMENT' WHERE id = ?", arguments: [sale.conversion.id])
                try db.execute(sql: "UPDATE conversion_instalment SET status = 'HELD' WHERE conversion_id = ?", arguments: [sale.conversion.id])
            }
            await #expect(throws: StatusError(.failedPrecondition,
                "conversion \(sale.conversion.id) instalment 1 status is 'HELD', which this convd (\(Self.schema)) does not know; a newer convd wrote it: run that version or restore a backup")) {
                _ = try await c.conversion(id: sale.conversion.id)
            }
            // The daemon keeps serving.
            #expect(try await c.health().status == "SERVING")
            await c.close()
        }
    }

    /// "schema N, NAME" of this binary, as the refusals name it.
    static var schema: String { "schema \(ConvdMigrations.names.count), \(ConvdMigrations.names.last ?? "")" }
}
