import ConvdClient
import ConvdProto
import ConvdServer
import ConvdTestSupport
import ConvdWire
import Foundation
import GRDB
import Testing

/// Secrets are masked for every role unless an admin asks; a full database refuses writes with
/// RESOURCE_EXHAUSTED, keeps reads, and writes again once there is room, without a restart.
struct DataAtRestTests {
    static func secretSource() -> Convd_V1_Source {
        var s = Fixtures.source()
        var f = Convd_V1_ForwardingSettings()
        f.url = "https://user:pa55@t.example/pb?api_key=abc123&cid={click_id}&token=t0k"
        f.format = .get
        f.conversions = true
        f.headers = ["X-Api-Key": "s3cret-value", "Authorization": "Bearer zzz"]
        s.forwarding = f
        return s
    }

    @Test func secretsAreMaskedUnlessAnAdminAsks() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            let put = try await c.putSource(Self.secretSource())
            for shown in [put.source, try await c.source(id: "v-1"), try await c.sources()[0]] {
                #expect(shown.forwarding.headers == ["X-Api-Key": "****", "Authorization": "****"])
                #expect(shown.forwarding.url == "https://user:****@t.example/pb?api_key=****&cid={click_id}&token=****")
                #expect(!(try shown.jsonString()).contains("s3cret"))
            }
            let clear = try await c.source(id: "v-1", showSecrets: true)
            #expect(clear.forwarding.headers["X-Api-Key"] == "s3cret-value")
            #expect(clear.forwarding.url.contains("pa55") && clear.forwarding.url.contains("abc123"))
            await c.close()
        }
        // A reader asking for secrets is refused.
        let me = getuid()
        var roles = RoleTable(ownUID: me, byUID: [me: .reader])
        roles.admins = []
        try await TestServer(roles: roles).run { server in
            let c = try await server.client()
            await HardeningTests.expectStatus(.permissionDenied, "show_secrets needs role admin") {
                _ = try await c.source(id: "v-1", showSecrets: true)
            }
            await c.close()
        }
    }

    // A SQLite page quota: SQLite only.
    @Test(.enabled(if: TestBackend.isSQLite)) func aFullDatabaseRefusesWritesKeepsReadsAndRecoversWithoutARestart() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let pool = try server.sqlite().database.pool
            let used = try await pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
            try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = \(used)") }
            var refused = 0, acknowledged: [String] = []
            for i in 0..<200 {
                var d = Fixtures.delivery("FULL-\(i)")
                d.lead["padding"] = String(repeating: "x", count: 4_000)
                do {
                    _ = try await c.recordDelivery(d)
                    acknowledged.append(d.eventID)
                } catch let e as StatusError {
                    #expect(e.status.code == .resourceExhausted, "\(e.status.message)")
                    #expect(e.status.message.contains("database is full"))
                    refused += 1
                    // Not acknowledged, so not there.
                    await HardeningTests.expectStatus(.notFound, d.eventID) { _ = try await c.delivery(eventID: d.eventID) }
                }
            }
            #expect(refused > 0)
            for id in acknowledged { #expect(try await c.delivery(eventID: id).eventID == id) }  // reads go on
            #expect(try await c.delivery(eventID: "E1").eventID == "E1")
            try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
            _ = try await c.recordDelivery(Fixtures.delivery("AFTER"))
            #expect(try await c.recordFeedback(Fixtures.conversion("AFTER", "Lead")).outcome == .created)
            await c.close()
        }
    }
}
