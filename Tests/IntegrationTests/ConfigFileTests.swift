import ConvdClient
import ConvdTestSupport
import Foundation
import Testing

/// `convd --config FILE`: a YAML file of settings, overridden by flags, every key checked.
@Suite(.serialized)
struct ConfigFileTests {
    static var userName: String { String(cString: getpwuid(getuid()).pointee.pw_name) }

    @Test func theFileConfiguresTheDaemonAndFlagsOverrideIt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let yaml = """
            # convd settings
            socket: \(dir.file("custom.sock"))
            data_dir: \(dir.file("data"))
            durability: normal
            log:
              level: warning
              format: json
            limits:
              max_connections: 64
              idle_timeout_seconds: 30
            grants:
              - user: \(Self.userName)
                role: admin
              - gid: 4242
                role: reader
            retention:
              outbox_days: 7
              idempotency_hours: 48
            """
        let file = dir.file("convd.yaml")
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)

        let daemon = try await DaemonProcess.start(arguments: ["--config", file])
        let c = try await ConvdClient.connect(socketPath: dir.file("custom.sock"), localDeadlineGrace: .seconds(120))
        let info = try await c.info()
        #expect(info.socketPath == dir.file("custom.sock") && info.durability == "normal")
        #expect(info.databasePath == dir.file("data") + "/convd.sqlite")
        await c.close()
        #expect(try await daemon.stop() == 0)
        // The warning that durability is normal, as a JSON line.
        #expect(daemon.output.contains(#""level":"warning""#) && daemon.output.contains("durability normal"), "\(daemon.output)")

        // A flag on the command line wins over the file.
        let overridden = try await DaemonProcess.start(arguments: ["--config", file, "--durability", "full"])
        let c2 = try await ConvdClient.connect(socketPath: dir.file("custom.sock"), localDeadlineGrace: .seconds(120))
        #expect(try await c2.info().durability == "full")
        await c2.close()
        #expect(try await overridden.stop() == 0)
    }

    /// The example in README.md starts a daemon (its paths, users and port swapped for this machine's).
    @Test func theReadmeExampleIsAValidConfiguration() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let readme = try String(contentsOfFile: #filePath.components(separatedBy: "/Tests/")[0] + "/README.md", encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let me = Self.userName
        let group = String(cString: getgrgid(getgid()).pointee.gr_name)
        let yaml = String(readme[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "/run/convd/convd.sock", with: dir.file("convd.sock"))
            .replacingOccurrences(of: "/var/lib/convd", with: dir.file("data"))
            .replacingOccurrences(of: "user: crm-connector", with: "user: \(me)")
            .replacingOccurrences(of: "group: analysts", with: "group: \(group)")
            .replacingOccurrences(of: "socket_group: convd", with: "socket_group: \(group)")
            .replacingOccurrences(of: "127.0.0.1:9464", with: "127.0.0.1:0")
            .replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:0")
        let file = dir.file("readme.yaml")
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let daemon = try await DaemonProcess.start(arguments: ["--config", file])
        let c = try await ConvdClient.connect(socketPath: dir.file("convd.sock"), localDeadlineGrace: .seconds(120))
        #expect(try await c.health().status == "SERVING")
        await c.close()
        #expect(try await daemon.stop() == 0)
    }

    @Test func aMisspeltKeyAnUnknownUserAndAMissingFileAreNamed() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        func refusal(_ yaml: String) throws -> String {
            let file = dir.file("bad-\(UUID().uuidString).yaml")
            try yaml.write(toFile: file, atomically: true, encoding: .utf8)
            return try Self.refusal(["--config", file, "--data-dir", dir.file("d")])
        }
        #expect(try refusal("limits:\n  max_conections: 5\n").contains("unknown setting 'limits.max_conections'"))
        #expect(try refusal("grants:\n  - user: no-such-user-here\n    role: admin\n").contains("no user named 'no-such-user-here'"))
        #expect(try refusal("grants:\n  - uid: 5\n").contains("grants[0] needs a role"))
        #expect(try refusal("durability: sometimes\n").contains("sometimes"))
        #expect(try refusal("- just\n- a list\n").contains("expected a mapping of settings"))
        #expect(try Self.refusal(["--config", dir.file("absent.yaml")]).contains("absent.yaml: no such file"))
    }

    /// Runs convd expecting it to refuse to start. - Returns: what it printed.
    static func refusal(_ arguments: [String]) throws -> String {
        let daemon = try DaemonProcess(arguments: arguments)
        daemon.process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)
        #expect(daemon.process.terminationStatus != 0, "convd started with \(arguments)")
        return daemon.output
    }
}
