import ConvdProto
import ConvdTestSupport
import Foundation
import Testing

/// `convctl ... put` changes only the flags given; delete archives what has history.
@Suite(.serialized)
struct ConvctlSettingsTests {
    @Test func putChangesOnlyTheFlagsGivenAndDeleteArchives() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        func ctl(_ a: String...) throws -> Convctl.Result { try Convctl.run(a + ["--socket", dir.file("convd.sock")]) }
        func source() throws -> Convd_V1_Source {
            try Convd_V1_Source(jsonString: try ctl("source", "get", "vendor-1", "--show-secrets", "-o", "json").stdout)
        }

        var r = try ctl("source", "put", "vendor-1", "--name", "Vendor One", "--forward-url", "https://vendor.example/postback",
                        "--map", "cid={click_id}", "--header", "X-Api-Key=secret", "--return-cap-count", "20")
        #expect(r.status == 0, "\(r.stderr)")
        r = try ctl("source", "put", "vendor-1", "--forward-url", "https://vendor.example/v2")
        #expect(r.status == 0, "\(r.stderr)")
        var s = try source()
        #expect(s.forwarding.url == "https://vendor.example/v2" && s.name == "Vendor One" && s.returnCap.maxCount == 20)
        #expect(s.forwarding.headers == ["X-Api-Key": "secret"] && s.forwarding.fieldMapping == ["cid": "{click_id}"])
        // A stale stamp is refused with ABORTED (exit 10 + 10).
        let stale = try ctl("source", "put", "vendor-1", "--name", "Other", "--expected-updated-at-ms", "1")
        #expect(stale.status == 20 && stale.stderr.contains("convctl: ABORTED: source 'vendor-1' was changed since it was read"))
        r = try ctl("source", "put", "vendor-1", "--name", "V1", "--expected-updated-at-ms", "\(s.updatedAtMs)")
        #expect(r.status == 0, "\(r.stderr)")
        // --replace replaces the whole source.
        #expect(try ctl("source", "put", "vendor-1", "--replace", "--name", "Bare").status == 0)
        s = try source()
        #expect(s.name == "Bare" && !s.hasForwarding && !s.hasReturnCap)

        let rules = #"{"match":"RULE_MATCH_ALL","nodes":[{"rule":{"field":"feedback.reason","op":"RULE_OPERATOR_EQUALS","values":["Sale"]}}]}"#
        #expect(try ctl("recipient", "put", "crm-1", "--rules-json", rules, "--type", "WonClient=INCREMENT").status == 0)
        #expect(try ctl("recipient", "put", "crm-1", "--name", "X").status == 0)
        let crm = try Convd_V1_Recipient(jsonString: try ctl("recipient", "get", "crm-1", "-o", "json").stdout)
        #expect(crm.name == "X" && crm.feedback.rules.nodes.count == 1 && crm.feedback.conversionTypes.map(\.name) == ["WonClient"])

        #expect(try ctl("delivery", "record", "--recipient", "crm-1", "--source", "vendor-1", "--event-id", "E1").status == 0)
        let deleted = try ctl("recipient", "delete", "crm-1")
        #expect(deleted.stdout.contains("archived recipient crm-1 (it has history"), "\(deleted.stdout)")
        let refused = try ctl("delivery", "record", "--recipient", "crm-1", "--source", "vendor-1", "--event-id", "E2")
        #expect(refused.status == 19 && refused.stderr.contains("recipient 'crm-1' is archived"), "\(refused.stderr)")
        #expect(try ctl("recipient", "list", "-o", "csv").stdout.split(separator: "\n").count == 1)
        #expect(try ctl("recipient", "list", "--archived", "-o", "csv").stdout.contains("crm-1"))
        #expect(try ctl("recipient", "restore", "crm-1").status == 0)
        #expect(try ctl("delivery", "record", "--recipient", "crm-1", "--source", "vendor-1", "--event-id", "E2").status == 0)
        #expect(try ctl("recipient", "put", "crm-2").status == 0)
        #expect(try ctl("recipient", "delete", "crm-2").stdout == "deleted recipient crm-2\n")
        #expect(try await daemon.stop() == 0)
    }
}
