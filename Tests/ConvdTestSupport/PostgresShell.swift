import Foundation

/// Raw SQL in one test server's PostgreSQL schema, through `psql`: for tests that plant what no
/// call can write (an amount near the top, a time outside the calendar) or hold a lock from
/// outside convd, as another process sharing the database would.
public struct PostgresShell: Sendable {
    /// The server's URL as `psql` takes it (without convd's own query items).
    let url: String
    /// The schema the test server's tables live in.
    let schema: String

    /// Why a `psql` run failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What `psql` said.
        public let description: String
    }

    /// Runs `sql` and returns what it printed (unaligned, tuples only).
    @discardableResult
    public func run(_ sql: String) throws -> String {
        let p = process()
        p.arguments! += ["-c", sql]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        let complaint = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Failure(description: String(decoding: complaint, as: UTF8.self)) }
        return String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `sql` in a transaction left open until `HeldTransaction.commit()`: its locks are held
    /// for that long. Returns once `sql` has run (its locks taken).
    public func hold(_ sql: String) throws -> HeldTransaction {
        let p = process()
        let input = Pipe(), out = Pipe()
        p.standardInput = input
        p.standardOutput = out
        try p.run()
        input.fileHandleForWriting.write(Data("BEGIN;\n\(sql);\nSELECT 'held';\n".utf8))
        var printed = ""
        while !printed.contains("held") {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure(description: "psql ended before holding: \(printed)") }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        return HeldTransaction(process: p, input: input)
    }

    private func process() -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url]
        var env = ProcessInfo.processInfo.environment
        env["PGOPTIONS"] = "-c search_path=\(schema)"
        p.environment = env
        return p
    }
}
