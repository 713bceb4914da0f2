import ConvdProto
import ConvdTestSupport
import Foundation
import Testing

/// `convctl apply -f` and `convctl get -o yaml`: settings as code, with the real binaries.
@Suite(.serialized)
struct ConvctlApplyTests {
    static let objects = """
        kind: Recipient
        id: crm-1
        name: Main CRM
        feedback:
          receive_conversions: true
          receive_returns: true
          return_window_days: 30
          conversion_types:
            - name: Sale
              mode: CONVERSION_MODE_CREATE_NEW
        labels:
          team: growth
        ---
        kind: Source
        id: vendor-1
        name: Vendor One
        forwarding:
          url: https://vendor.example/postback
          conversions: true
          headers:
            X-Api-Key: s3cret-key
          field_mapping:
            cid: "{click_id}"
        """

    @Test func applyCreatesChangesOnlyWhatDiffersAndGetRoundTrips() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        func ctl(_ a: String...) throws -> Convctl.Result { try Convctl.run(a + ["--socket", dir.file("convd.sock")]) }
        let file = dir.file("objects.yaml")
        try Self.objects.write(toFile: file, atomically: true, encoding: .utf8)

        // A dry run prints the plan and changes nothing.
        var r = try ctl("apply", "-f", file, "--dry-run")
        #expect(r.status == 0 && r.stdout.contains("+ recipient crm-1: create") && r.stdout.contains("+ source vendor-1: create"))
        #expect(r.stdout.contains("dry run: 2 to create, 0 to change, 0 unchanged; nothing applied"))
        #expect(!r.stdout.contains("s3cret-key"), "a secret was printed")
        #expect(try ctl("recipient", "get", "crm-1").status == 15)
        r = try ctl("apply", "-f", file, "--dry-run", "-o", "json")
        #expect(r.stdout == #"{"dry_run":true,"objects":[{"kind":"Recipient","id":"crm-1","action":"create","fields":["feedback","labels","name"]},{"kind":"Source","id":"vendor-1","action":"create","fields":["forwarding","name"]}]}"# + "\n", "\(r.stdout)")

        r = try ctl("apply", "-f", file)
        #expect(r.status == 0 && r.stdout.contains("applied: 2 created, 0 changed, 0 unchanged"), "\(r.stdout)\(r.stderr)")
        // The same file again: nothing to do, even though the daemon filled in defaults.
        r = try ctl("apply", "-f", file)
        #expect(r.stdout.contains("= recipient crm-1: unchanged") && r.stdout.contains("applied: 0 created, 0 changed, 2 unchanged"), "\(r.stdout)")

        // get -o yaml round-trips: applying its output changes nothing (the masked secret is kept).
        for (kind, id) in [("recipient", "crm-1"), ("source", "vendor-1")] {
            let got = try ctl("get", kind, id, "-o", "yaml")
            #expect(got.status == 0 && got.stdout.hasPrefix("kind: \(kind == "source" ? "Source" : "Recipient")\n"), "\(got.stdout)")
            let copy = dir.file("\(id).yaml")
            try got.stdout.write(toFile: copy, atomically: true, encoding: .utf8)
            let again = try ctl("apply", "-f", copy)
            #expect(again.stdout.contains("applied: 0 created, 0 changed, 1 unchanged"), "\(again.stdout)\(again.stderr)")
        }
        let source = try Convd_V1_Source(jsonString: try ctl("source", "get", "vendor-1", "--show-secrets", "-o", "json").stdout)
        #expect(source.forwarding.headers == ["X-Api-Key": "s3cret-key"])

        // An edit: only the changed fields are put, the diff names them, the secret stays masked.
        let edited = Self.objects.replacingOccurrences(of: "team: growth", with: "team: sales")
            .replacingOccurrences(of: "s3cret-key", with: "n3w-key")
        try edited.write(toFile: file, atomically: true, encoding: .utf8)
        r = try ctl("apply", "-f", file)
        #expect(r.stdout.contains("~ recipient crm-1: change labels\n    -   team: growth\n    +   team: sales"), "\(r.stdout)")
        #expect(r.stdout.contains("~ source vendor-1: change forwarding") && r.stdout.contains("X-Api-Key: '**** (changed)'"))
        #expect(!r.stdout.contains("n3w-key") && r.stdout.contains("applied: 0 created, 2 changed, 0 unchanged"))
        let after = try Convd_V1_Source(jsonString: try ctl("source", "get", "vendor-1", "--show-secrets", "-o", "json").stdout)
        #expect(after.forwarding.headers == ["X-Api-Key": "n3w-key"] && after.name == "Vendor One")

        // Bad documents are refused before anything is applied, naming the document.
        try "kind: Recipient\nid: crm-2\n---\nkind: Widget\nid: w\n".write(toFile: file, atomically: true, encoding: .utf8)
        r = try ctl("apply", "-f", file)
        #expect(r.status == 64 && r.stderr.contains("document 2: kind must be one of Recipient, Source"), "\(r.stderr)")
        try "kind: Source\nid: v-2\nforwarding:\n  urll: x\n".write(toFile: file, atomically: true, encoding: .utf8)
        r = try ctl("apply", "-f", file)
        #expect(r.status == 64 && r.stderr.contains("document 1"), "\(r.stderr)")
        #expect(try ctl("recipient", "get", "crm-2").status == 15)
        r = try ctl("apply", "-f", dir.file("missing.yaml"))
        #expect(r.status == 64 && r.stderr.contains("missing.yaml: no such file"), "\(r.stderr)")
        #expect(try await daemon.stop() == 0)
    }
}
