import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// The real `convd` and `convctl` binaries, as a user runs them.
@Suite(.serialized)
struct DaemonEndToEndTests {
    static func args(_ dir: TemporaryDirectory) -> [String] { ["--data-dir", dir.path, "--log-level", "warning"] }
    static func ctl(_ dir: TemporaryDirectory, _ a: [String]) throws -> Convctl.Result {
        try Convctl.run(a + ["--socket", dir.file("convd.sock")])
    }

    @Test func startsOnDefaultsWithAPrivateSocketAndSaysWhereItListensAndStores() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // Zero flags: only the environment variable chooses the data directory.
        let daemon = try await DaemonProcess.start(arguments: [], environment: ["CONVD_DATA_DIR": dir.path])
        #expect(daemon.output.contains("listening on \(dir.file("convd.sock")), storing in \(dir.file("convd.sqlite"))"))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.file("convd.sock"))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let health = try Convctl.run(["health", "-o", "json"], environment: ["CONVD_DATA_DIR": dir.path])
        #expect(health.status == 0)
        #expect(health.stdout == "{\"status\":\"SERVING\"}\n")
        #expect(try await daemon.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.file("convd.sock")))
    }

    @Test func convctlRoundTripsRecipientsAndSources() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: Self.args(dir))
        let info = try Self.ctl(dir, ["info", "-o", "json"])
        #expect(info.status == 0)
        let parsed = try Convd_V1_InfoResponse(jsonString: info.stdout)
        #expect(parsed.socketPath == dir.file("convd.sock"))
        #expect(parsed.databasePath == dir.file("convd.sqlite"))
        #expect(parsed.apiVersion == "convd.v1")
        #expect(parsed.durability == "full")
        #expect(parsed.methods.contains("/convd.v1.Recipients/Put"))
        #expect(parsed.callerRole == "admin")

        let put = try Self.ctl(dir, ["recipient", "put", "crm-1", "--name", "CRM One", "--type", "WonClient=INCREMENT",
                                     "--type", "FakeLead=IGNORE_DUPLICATES:3600", "--return-window-days", "14", "-o", "json"])
        #expect(put.status == 0, "\(put.stderr)")
        let got = try Self.ctl(dir, ["recipient", "get", "crm-1", "-o", "json"])
        let recipient = try Convd_V1_Recipient(jsonString: got.stdout)
        #expect(recipient.name == "CRM One")
        #expect(recipient.feedback.returnWindowDays == 14)
        #expect(recipient.feedback.conversionTypes.map(\.name) == ["WonClient", "FakeLead"])
        #expect(recipient.feedback.conversionTypes[1].duplicateWindowSeconds == 3600)
        #expect(try Self.ctl(dir, ["recipient", "put", "crm-2"]).status == 0)
        let table = try Self.ctl(dir, ["recipient", "list", "-o", "table"])
        let firstColumn: [String] = table.stdout.split(separator: "\n").map { line in String(line.prefix { $0 != " " }) }
        #expect(firstColumn == ["ID", "crm-1", "crm-2"])

        let missing = try Self.ctl(dir, ["recipient", "get", "crm-9"])
        #expect(missing.status == 15)
        #expect(missing.stderr == "convctl: NOT_FOUND: no recipient 'crm-9'\n")
        let bad = try Self.ctl(dir, ["recipient", "put", "Not A Slug"])
        #expect(bad.status == 13)
        #expect(bad.stderr.hasPrefix("convctl: INVALID_ARGUMENT: recipient.id:"))

        let source = try Self.ctl(dir, ["source", "put", "vendor-1", "--name", "Vendor", "--forward-url", "https://t.example/pb",
                                        "--forward-format", "XML", "--map", "cid={click_id}", "--return-cap-count", "20", "-o", "json"])
        #expect(source.status == 0, "\(source.stderr)")
        let s = try Convd_V1_Source(jsonString: try Self.ctl(dir, ["source", "get", "vendor-1", "-o", "json"]).stdout)
        #expect(s.forwarding.format == .xml)
        #expect(s.forwarding.fieldMapping == ["cid": "{click_id}"])
        #expect(s.returnCap.maxCount == 20)
        let csv = try Self.ctl(dir, ["source", "list", "-o", "csv"])
        #expect(csv.stdout == "ID,NAME,FORWARDING,RETURN_CAP\nvendor-1,Vendor,XML https://t.example/pb,20/month\n")
        #expect(try Self.ctl(dir, ["source", "delete", "vendor-1"]).stdout == "deleted source vendor-1\n")
        #expect(try Self.ctl(dir, ["source", "get", "vendor-1"]).status == 15)
        #expect(try Self.ctl(dir, ["recipient", "delete", "crm-2"]).status == 0)
        try await daemon.stop()
    }

    @Test func dataSurvivesARestartAndAKill() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var daemon = try await DaemonProcess.start(arguments: Self.args(dir))
        #expect(try Self.ctl(dir, ["recipient", "put", "crm-1", "--name", "Kept"]).status == 0)
        #expect(try await daemon.stop() == 0)
        daemon = try await DaemonProcess.start(arguments: Self.args(dir))
        #expect(try Self.ctl(dir, ["source", "put", "v-1"]).status == 0)
        // kill -9 leaves a stale socket file; the next start removes it and the acknowledged writes are there.
        try await daemon.stop(signal: SIGKILL)
        #expect(FileManager.default.fileExists(atPath: dir.file("convd.sock")))
        daemon = try await DaemonProcess.start(arguments: Self.args(dir))
        let r = try Convd_V1_Recipient(jsonString: try Self.ctl(dir, ["recipient", "get", "crm-1", "-o", "json"]).stdout)
        #expect(r.name == "Kept")
        #expect(try Self.ctl(dir, ["source", "get", "v-1"]).status == 0)
        try await daemon.stop()
    }

    @Test func aSecondDaemonOnTheSameSocketRefusesToStart() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let first = try await DaemonProcess.start(arguments: Self.args(dir))
        let second = try DaemonProcess(arguments: Self.args(dir))
        let status = try await second.waitForExit()
        #expect(status != 0)
        #expect(second.output.contains("another convd is already listening on \(dir.file("convd.sock"))"))
        #expect(try Self.ctl(dir, ["health"]).status == 0)  // the first is untouched
        try await first.stop()
    }

    @Test func convctlWithoutADaemonFailsFastWithAClearMessage() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // Fast because it does not retry: the message says it found no socket at all.
        let r = try Self.ctl(dir, ["health"])
        #expect(r.status == 24)
        #expect(r.stderr == "convctl: UNAVAILABLE: cannot reach convd at \(dir.file("convd.sock")): no socket there (is convd running?)\n")
    }

    @Test func sigtermWithCallsInFlightLosesNoAcknowledgedWrite() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var daemon = try await DaemonProcess.start(arguments: Self.args(dir))
        let client = try await ConvdClient.connect(socketPath: dir.file("convd.sock"))
        let pid = daemon.process.processIdentifier
        // 200 puts (within the 256 in-flight limit) race a SIGTERM sent after the first 20 are answered.
        let outcomes = try await withThrowingTaskGroup(of: (String, StatusCode).self) { group in
            for i in 0..<200 {
                group.addTask {
                    var r = Convd_V1_Recipient()
                    r.id = "r-\(i)"
                    do {
                        _ = try await client.putRecipient(r)
                        return (r.id, .ok)
                    } catch let e as StatusError { return (r.id, e.code) }
                }
            }
            var all: [(String, StatusCode)] = []
            for try await o in group {
                all.append(o)
                if all.count == 20 { kill(pid, SIGTERM) }
            }
            return all
        }
        #expect(try await daemon.waitForExit() == 0)
        let acknowledged = Set(outcomes.filter { $0.1 == .ok }.map(\.0))
        #expect(acknowledged.count >= 20)
        // Every refusal is a status (UNAVAILABLE: shutting down or connection closed), never a hang.
        let unexpected = outcomes.filter { $0.1 != .ok && $0.1 != .unavailable }
        #expect(unexpected.isEmpty, "\(unexpected.prefix(3))")
        await client.close()
        daemon = try await DaemonProcess.start(arguments: Self.args(dir))
        let again = try await ConvdClient.connect(socketPath: dir.file("convd.sock"))
        let stored = Set(try await again.recipients().map(\.id))
        #expect(acknowledged.isSubset(of: stored))
        await again.close()
        try await daemon.stop()
    }

    @Test func durabilityNormalSaysSoAtStart() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: Self.args(dir) + ["--durability", "normal"])
        try await daemon.waitForOutput("durability normal: the last commits may be lost on power loss")
        #expect(daemon.output.contains("(durability normal)"))
        let info = try Convd_V1_InfoResponse(jsonString: try Self.ctl(dir, ["info", "-o", "json"]).stdout)
        #expect(info.durability == "normal")
        try await daemon.stop()
    }
}
