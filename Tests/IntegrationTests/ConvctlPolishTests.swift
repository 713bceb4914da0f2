import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// convctl as operators expect: global flags anywhere, one clean line for usage errors (exit 64)
/// with a suggestion, --version, --since and --tail, a KIND column, -o json everywhere.
@Suite(.serialized)
struct ConvctlPolishTests {
    @Test func flagsAnywhereUsageErrorsAndVersion() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        let socket = dir.file("convd.sock")
        var r = try Convctl.run(["-o", "json", "--socket", socket, "health"])
        #expect(r.status == 0 && r.stdout == "{\"status\":\"SERVING\"}\n", "\(r.stdout)\(r.stderr)")
        r = try Convctl.run(["--socket=\(socket)", "recipient", "list", "-o", "csv"])
        #expect(r.status == 0 && r.stdout.hasPrefix("ID,"), "\(r.stderr)")
        #expect(try Convctl.run(["--version"]).stdout == ConvdVersion.current + "\n")

        r = try Convctl.run(["recipeint", "list", "--socket", socket])
        #expect(r.status == 64 && r.stderr == "convctl: unknown subcommand 'recipeint'; did you mean 'recipient'?\n", "\(r.stderr)")
        r = try Convctl.run(["recipient", "lst", "--socket", socket])
        #expect(r.status == 64 && r.stderr == "convctl: unknown subcommand 'lst'; did you mean 'list'?\n", "\(r.stderr)")
        r = try Convctl.run(["recipient", "get", "--socket", socket])
        #expect(r.status == 64 && r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("'<id>'"), "\(r.stderr)")
        r = try Convctl.run(["feedback", "batch", dir.file("nope.jsonl"), "--socket", socket])
        #expect(r.status == 64 && r.stderr == "convctl: \(dir.file("nope.jsonl")): no such file\n", "\(r.stderr)")
        r = try Convctl.run(["events", "list", "--since", "yesterday", "--socket", socket])
        #expect(r.status == 64 && r.stderr.contains("--since takes a duration back from now"), "\(r.stderr)")
        r = try Convctl.run(["--generate-completion-script", "bash"])
        #expect(r.status == 0 && r.stdout.contains("convctl"))
        #expect(try await daemon.stop() == 0)
    }

    @Test func sinceTailKindColumnsAndJSONEverywhere() async throws {
        let http = TestHTTPServer { _, _ in .status(200) }
        let base = try await http.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        func ctl(_ a: String...) throws -> Convctl.Result { try Convctl.run(a + ["--socket", dir.file("convd.sock")]) }
        #expect(try ctl("recipient", "put", "crm-1").status == 0)
        #expect(try ctl("source", "put", "v-1", "--forward-url", base + "/pb").status == 0)
        for e in ["E1", "E2", "E3"] {
            #expect(try ctl("delivery", "record", "--recipient", "crm-1", "--source", "v-1", "--event-id", e).status == 0)
        }
        #expect(try ctl("feedback", "conversion", "--event-id", "E1", "--type", "Lead").status == 0)
        #expect(try ctl("feedback", "conversion", "--event-id", "E2", "--type", "Lead").status == 0)
        #expect(try ctl("feedback", "return", "--event-id", "E3", "--reason", "Wrong number").status == 0)

        var r = try ctl("events", "list", "--since", "1h", "-o", "csv")
        let rows = r.stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("SEQ,RECEIVED,KIND,OUTCOME") == true && rows.count == 4, "\(r.stdout)\(r.stderr)")
        #expect(rows.dropFirst().map { $0.split(separator: ",")[2] } == ["CONVERSION", "CONVERSION", "RETURN"])
        r = try ctl("events", "list", "--tail", "2", "-o", "json")
        let tail = try Convd_V1_ListEventsResponse(jsonString: r.stdout.replacingOccurrences(of: "\"events\"", with: "\"events\""))
        #expect(tail.events.map(\.eventID) == ["E3", "E2"], "\(r.stdout)")
        #expect(try ctl("events", "list", "--since", "2099-01-01T00:00:00Z", "-o", "csv").stdout.split(separator: "\n").count == 1)
        #expect(try ctl("conversion", "list", "--since", "24h", "-o", "csv").stdout.split(separator: "\n").count == 3)
        #expect(try ctl("conversion", "list", "--since", "2099-01-01", "-o", "csv").stdout.split(separator: "\n").count == 1)

        try await eventually { try ctl("forward", "list", "-o", "csv").stdout.split(separator: "\n").count == 4 }
        r = try ctl("forward", "list", "-o", "csv")
        let forwards = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(forwards[0].prefix(4) == ["ID", "SOURCE", "KIND", "CONVERSION"], "\(r.stdout)")
        #expect(forwards.dropFirst().map { String($0[2]) } == ["CREATED", "CREATED", "RETURN_RECORDED"], "\(r.stdout)")
        #expect(forwards.dropFirst().prefix(2).allSatisfy { !$0[3].isEmpty })

        // Commands that print a sentence print JSON when asked.
        #expect(try ctl("recipient", "put", "crm-9").status == 0)
        #expect(try ctl("recipient", "delete", "crm-9", "-o", "json").stdout == #"{"id":"crm-9","archived":false}"# + "\n")
        r = try ctl("metrics", "-o", "json")
        #expect(try Convd_V1_MetricsResponse(jsonString: r.stdout).text.contains("convd_calls_total"))
        #expect(try ctl("forward", "retry", "--source", "v-1", "-o", "json").stdout.hasPrefix("{"))
        #expect(try await daemon.stop() == 0)
        await http.stop()
    }
}
