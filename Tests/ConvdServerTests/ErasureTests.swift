import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// `Deliveries/Erase`: a lead's personal data leaves every table and file convd keeps, and every
/// money figure stays exactly as it was.
struct ErasureTests {
    static let email = "zoe.smith@example.com"
    static let phone = "+1 555 0100 77"
    static let note = "called zoe back about plan B"

    @Test func erasingByEmailRemovesTheLeadEverywhereAndKeepsTheMoney() async throws {
        // The tracker echoes what it got, so attempt logs hold the lead too.
        let http = TestHTTPServer { received, _ in .status(200, body: "ok, got \(received.body)") }
        let base = try await http.start()
        let server = TestServer()
        let databasePath = server.databasePath
        try await server.run { running in
            let c = try await running.client()
            let mapping = ["cid": "{click_id}", "payout": "{amount}", "mail": "{lead.email}", "tel": "{lead.phone}", "memo": "{feedback.note}"]
            _ = try await c.putRecipient(Fixtures.recipient("crm-1"))
            _ = try await c.putSource(ForwardingTests.source("v-1", url: base + "/pb?m={lead.email}", format: .form, mapping: mapping))
            let leads = [("E1", Self.email, Self.phone, Self.note), ("E2", "Zoe.Smith@Example.COM", Self.phone, Self.note),
                         ("E3", "other.lead@example.com", "+44 20 7946 0000", "a different note")]
            for (id, mail, phone, note) in leads {
                var d = Fixtures.delivery(id)
                d.lead = ["email": mail, "phone": phone, "state": "CA"]
                _ = try await c.recordDelivery(d, idempotencyKey: "deliver-\(id)")
                var f = Fixtures.conversion(id, "WonClient", 12_345)
                f.fields = ["note": note]
                _ = try await c.recordFeedback(f, idempotencyKey: "won-\(id)")
            }
            // A correction on E1 puts an adjustment's event (no feedback fields) among its events.
            var restate = Convd_V1_AdjustRequest()
            restate.conversionID = try await c.conversions().first { $0.eventID == "E1" }?.id ?? ""
            restate.kind = .restate
            restate.amount = Fixtures.money(12_345, "EUR")
            restate.reason = "same amount, new invoice"
            _ = try await c.adjust(restate)
            try await eventually { try await ForwardingTests.forwards(c).allSatisfy { $0.state == .sent } }
            let statsBefore = try await c.stats()

            let erased = try await c.eraseDeliveries(email: "ZOE.SMITH@example.com")
            #expect(erased.eventIds == ["E1", "E2"] && erased.erasedAtMs > 0)
            // Erasing again changes nothing, and the first erasure's time stays.
            #expect(try await c.eraseDeliveries(eventID: "E1").eventIds == ["E1"])
            #expect(try await c.delivery(eventID: "E1").erasedAtMs == erased.erasedAtMs)

            for id in ["E1", "E2"] {
                let d = try await c.delivery(eventID: id)
                #expect(d.lead.isEmpty && d.erasedAtMs == erased.erasedAtMs)
            }
            let kept = try await c.delivery(eventID: "E3")
            #expect(kept.lead["email"] == "other.lead@example.com" && kept.erasedAtMs == 0)
            // Money is untouched: the same stats, the same amounts.
            #expect(try await c.stats() == statsBefore)
            let conversions = try await c.conversions()
            #expect(conversions.count == 3 && conversions.allSatisfy { $0.amount.amountMinor == 12_345 })
            #expect(conversions.filter { $0.eventID != "E3" }.allSatisfy { $0.fields.isEmpty })
            // The event log keeps every event, its input still readable, without the fields.
            var list = Convd_V1_ListEventsRequest()
            list.pageSize = 100
            let events = try await c.listEvents(list).events
            #expect(events.count == 4 && events.filter { !$0.hasAdjustment }.allSatisfy { $0.feedback.conversionType == "WonClient" && $0.feedback.amount.amountMinor == 12_345 })
            #expect(events.filter { $0.eventID != "E3" }.allSatisfy { $0.feedback.fields.isEmpty })
            #expect(events.first { $0.eventID == "E3" }?.feedback.fields == ["note": "a different note"])
            // A retried call with a saved answer still gets one, erased (and still decodes).
            var again = Fixtures.delivery("E1")
            again.lead = ["email": Self.email, "phone": Self.phone, "state": "CA"]
            let replay = try await c.recordDelivery(again, idempotencyKey: "deliver-E1")
            #expect(replay.eventID == "E1" && replay.lead.isEmpty)

            // Nothing readable is left in the files: the database and its WAL, byte for byte. (On
            // PostgreSQL old row versions stay until VACUUM: the README says so; the rows are checked above.)
            if TestBackend.isSQLite {
                let main = try Self.fileText(databasePath), wal = (try? Self.fileText(databasePath + "-wal")) ?? ""
                #expect((main + wal).contains("other.lead@example.com"), "the byte search must find what was not erased")
                for needle in [Self.email, "Zoe.Smith@Example.COM", "zoe.smith%40example.com", "Zoe.Smith%40Example.COM", Self.phone,
                               "%2B1+555+0100+77", Self.note, "called+zoe+back"] {
                    for (name, text) in [("database", main), ("WAL (\(wal.utf8.count) bytes)", wal)] {
                        if let r = text.range(of: needle) {
                            let start = text.index(r.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
                            let context = text[start..<r.upperBound].filter { $0 >= " " && $0 <= "~" }
                            Issue.record("\(needle) is still in the \(name): …\(context)")
                        }
                    }
                }
            }
            // The forwards that were sent are still listed as sent.
            let forwards = try await ForwardingTests.forwards(c)
            #expect(forwards.count == 4 && forwards.allSatisfy { $0.state == .sent && !$0.url.contains("zoe.smith") })
            await c.close()
        }
        await http.stop()
    }

    @Test func anUnknownEventIDIsNotFoundAndAMissingTargetInvalid() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            await #expect(throws: StatusError.self) { _ = try await c.eraseDeliveries(eventID: "nope") }
            do { _ = try await c.eraseDeliveries(eventID: "nope") } catch let e as StatusError { #expect(e.code == .notFound) }
            do { _ = try await c.eraseDeliveries() } catch let e as StatusError {
                #expect(e.code == .invalidArgument && e.message.contains("event_id or an email"))
            }
            let none = try await c.eraseDeliveries(email: "nobody@example.com")
            #expect(none.eventIds.isEmpty)
            await c.close()
        }
    }

    /// A file's bytes as text, every byte one character (non-ASCII bytes as `?`).
    static func fileText(_ path: String) throws -> String {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        return String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
    }

}
