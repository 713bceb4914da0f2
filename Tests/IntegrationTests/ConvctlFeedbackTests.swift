import ConvdProto
import ConvdTestSupport
import Foundation
import Testing

/// Issue 3's flows through the real `convctl` against the real `convd`.
@Suite(.serialized)
struct ConvctlFeedbackTests {
    @Test func deliveriesFeedbackConversionsStatsAndEventsThroughConvctl() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        func ctl(_ a: String...) throws -> Convctl.Result { try Convctl.run(a + ["--socket", dir.file("convd.sock")]) }

        #expect(try ctl("recipient", "put", "crm-1").status == 0)
        #expect(try ctl("source", "put", "vendor-1").status == 0)
        let d = try ctl("delivery", "record", "--recipient", "crm-1", "--source", "vendor-1", "--click-id", "ck-1",
                        "--lead", "email=a@example.com", "-o", "json")
        #expect(d.status == 0, "\(d.stderr)")
        let eventID = try Convd_V1_Delivery(jsonString: d.stdout).eventID
        #expect(eventID.count == 26)

        let first = try ctl("feedback", "conversion", "--event-id", eventID, "--type", "WonClient", "--amount", "1000.00",
                            "--currency", "EUR", "-o", "json")
        #expect(try Convd_V1_FeedbackResult(jsonString: first.stdout).outcome == .created)
        let second = try Convd_V1_FeedbackResult(jsonString: try ctl(
            "feedback", "conversion", "--click-id", "ck-1", "--recipient", "crm-1", "--type", "WonClient", "--amount", "2000",
            "--currency", "EUR", "-o", "json").stdout)
        #expect(second.outcome == .incremented)
        #expect(second.conversion.amount.amountMinor == 300_000)
        #expect(second.conversion.postbackCount == 2)

        let tooPrecise = try ctl("feedback", "conversion", "--event-id", eventID, "--type", "WonClient", "--amount", "1.005", "--currency", "EUR")
        #expect(tooPrecise.status == 13)
        #expect(tooPrecise.stderr == "convctl: INVALID_ARGUMENT: --amount: amount: '1.005' has more than 2 decimal places for EUR\n")
        let missing = try ctl("feedback", "conversion", "--event-id", "nope", "--type", "Lead")
        #expect(missing.status == 15)
        #expect(missing.stderr == "convctl: NOT_FOUND: no delivery with event ID 'nope'\n")

        let batchFile = dir.file("batch.jsonl")
        try """
        {"event_id":"\(eventID)","kind":"FEEDBACK_KIND_RETURN","reason":"Duplicate"}
        {"event_id":"\(eventID)","kind":"FEEDBACK_KIND_CONVERSION","conversion_type":"FakeLead"}
        {"event_id":"\(eventID)","kind":"FEEDBACK_KIND_CONVERSION","conversion_type":"FakeLead"}
        """.write(toFile: batchFile, atomically: true, encoding: .utf8)
        let batch = try ctl("feedback", "batch", batchFile, "-o", "csv")
        #expect(batch.status == 0, "\(batch.stderr)")
        let outcomes: [String] = batch.stdout.split(separator: "\n").map { line in String(line.prefix { $0 != "," }) }
        #expect(outcomes == ["OUTCOME", "RETURN_RECORDED", "CREATED", "DUPLICATE_IGNORED"])

        let conversion = try Convd_V1_Conversion(jsonString: try ctl("conversion", "get", second.conversion.id, "-o", "json").stdout)
        #expect(conversion.history.count == 1)
        let list = try ctl("conversion", "list", "--type", "WonClient", "-o", "csv")
        #expect(list.stdout.contains("\(second.conversion.id),WonClient,APPROVED,3000.00 EUR,2,crm-1,vendor-1,\(eventID)"))
        let stats = try ctl("conversion", "stats", "--group-by", "type", "-o", "csv")
        #expect(stats.stdout.contains("WonClient,1,1,1,100.0%,0,3000.00 EUR,,0,0.0%,0,0"), "\(stats.stdout)")
        #expect(stats.stdout.contains("FakeLead,1,0,0,0.0%,1,,,0,0.0%,0,0"), "\(stats.stdout)")

        let retract = try ctl("feedback", "retract", second.conversion.id, "--reason", "charge-back", "-o", "json")
        #expect(try Convd_V1_FeedbackResult(jsonString: retract.stdout).conversion.status == .retracted)
        let events = try ctl("events", "list", "--outcome", "FAILED", "-o", "csv")
        #expect(events.stdout.split(separator: "\n").count == 2)  // the header and the NOT_FOUND
        #expect(events.stdout.contains("no delivery with event ID 'nope'"))
        try await daemon.stop()
    }
}
