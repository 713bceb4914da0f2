import ConvdTestSupport
import Foundation
import Testing

/// The real daemon refuses, with a clear message and a non-zero exit, to start on a file that is
/// not a convd database, a corrupt one, or one from a newer schema, and never overwrites it; and
/// what it creates is private (directory 0700, files 0600).
@Suite(.serialized)
struct StartRefusalTests {
    static func start(_ dir: TemporaryDirectory, _ extra: [String] = []) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: DaemonProcess.binDirectory + "/convd")
        p.arguments = ["--data-dir", dir.path, "--log-level", "warning"] + extra
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func sqlite(_ path: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, sql]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func aFileThatIsNotAnSQLiteDatabaseIsRefusedAndLeftAlone() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let text = "these are someone's notes, not a database\n"
        try text.write(toFile: dir.file("convd.sqlite"), atomically: true, encoding: .utf8)
        let (status, output) = try Self.start(dir)
        #expect(status != 0)
        #expect(output.contains("is not a convd database (not an SQLite file)"), "\(output)")
        #expect(try String(contentsOfFile: dir.file("convd.sqlite"), encoding: .utf8) == text)
    }

    @Test func anotherApplicationsDatabaseIsRefused() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try Self.sqlite(dir.file("convd.sqlite"), "CREATE TABLE invoices (id INTEGER PRIMARY KEY);")
        let (status, output) = try Self.start(dir)
        #expect(status != 0)
        #expect(output.contains("holds other tables: invoices"), "\(output)")
    }

    @Test func aDatabaseFromANewerSchemaIsRefused() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        #expect(try await daemon.stop() == 0)
        try Self.sqlite(dir.file("convd.sqlite"), "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future');")
        let (status, output) = try Self.start(dir)
        #expect(status != 0)
        #expect(output.contains("was written by a newer convd (schema migrations v99-from-the-future"), "\(output)")
    }

    @Test func aCorruptDatabaseIsRefused() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        #expect(try await daemon.stop() == 0)
        // Keep SQLite's header, scribble over the schema page.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: dir.file("convd.sqlite")))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 3_000))
        try handle.close()
        let (status, output) = try Self.start(dir)
        #expect(status != 0)
        #expect(output.contains("corrupt"), "\(output)")
    }

    /// A data directory convd cannot write is a start error naming it. CI runs as root, which any
    /// mode bits let through, so the directory is one no one can create: under /proc.
    @Test func aDataDirectoryThatCannotBeWrittenIsAClearStartError() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: DaemonProcess.binDirectory + "/convd")
        p.arguments = ["--data-dir", "/proc/self/convd-data", "--log-level", "warning"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus != 0)
        #expect(text.contains("cannot create the data directory /proc/self/convd-data"), "\(text)")
    }

    @Test func whatItCreatesIsPrivate() async throws {
        let parent = TemporaryDirectory()
        defer { parent.remove() }
        let data = parent.file("state")
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", data, "--log-level", "warning"])
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        #expect(try mode(data) == 0o700)
        for file in ["convd.sqlite", "convd.sqlite-wal", "convd.sqlite-shm"] {
            #expect(try mode(data + "/" + file) == 0o600, "\(file)")
        }
        #expect(try await daemon.stop() == 0)
    }

    @Test func metricsAreServedOnLoopbackOnly() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        for address in ["0.0.0.0:9464", "192.168.1.5:9464", "example.com:80"] {
            let r = try Self.start(dir, ["--metrics-listen", address])
            #expect(r.status != 0)
            #expect(r.output.contains("is not a loopback address"), "\(address): \(r.output)")
        }
        let r = try Self.start(dir, ["--metrics-listen", "127.0.0.1"])
        #expect(r.status != 0 && r.output.contains("is not HOST:PORT"))
    }

    @Test func aPageCacheGatherWaitOrCheckpointStepsOutOfRangeIsNamed() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        for size in ["0", "-5", "65537"] {
            let r = try Self.start(dir, ["--page-cache-mib=\(size)"])
            #expect(r.status != 0)
            #expect(r.output.contains("--page-cache-mib must be 1 to 65536"), "\(size): \(r.output)")
        }
        for wait in ["-1", "1001"] {
            let r = try Self.start(dir, ["--large-write-gather-ms=\(wait)"])
            #expect(r.status != 0)
            #expect(r.output.contains("--large-write-gather-ms must be 0 to 1000"), "\(wait): \(r.output)")
        }
        for steps in ["0", "65"] {
            let r = try Self.start(dir, ["--wal-checkpoint-steps=\(steps)"])
            #expect(r.status != 0)
            #expect(r.output.contains("--wal-checkpoint-steps must be 1 to 64"), "\(steps): \(r.output)")
        }
    }
}
