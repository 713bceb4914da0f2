import Foundation

/// The real `convd` binary started as a child process, for end-to-end tests.
public final class DaemonProcess: @unchecked Sendable {
    /// The process.
    public let process: Process
    /// Everything it printed (stdout and stderr) so far.
    public var output: String { outputBox.withLock { $0 } }
    private let outputBox = NSLock.Boxed("")

    /// Directory holding the built `convd` and `convctl`: `CONVD_BIN_DIR`, else next to the test bundle.
    public static var binDirectory: String {
        if let dir = ProcessInfo.processInfo.environment["CONVD_BIN_DIR"] { return dir }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("convd").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return ".build/debug"
    }

    /// Starts `convd` with `arguments`, without waiting.
    public init(arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binDirectory + "/convd")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // A blocking read loop on a thread of its own, not a readabilityHandler: tearing down the
        // dispatch read source that handler installs races libdispatch's epoll bookkeeping, and the
        // test process crashed in _dispatch_event_loop_drain (CI, 2026-12-07; the same crash as
        // swift-corelibs-libdispatch issue 949). The loop ends at end of file, when convd exits.
        let reader = pipe.fileHandleForReading
        let box = outputBox
        Thread {
            while true {
                let data = reader.availableData
                if data.isEmpty { return }
                box.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }.start()
    }

    /// Starts `convd` and waits until it says it listens.
    /// - Throws: when it exits or stays silent for `timeout` seconds.
    public static func start(arguments: [String], environment: [String: String] = [:], timeout: Double = 20) async throws -> DaemonProcess {
        let daemon = try DaemonProcess(arguments: arguments, environment: environment)
        try await daemon.waitForOutput("listening on", timeout: timeout)
        return daemon
    }

    /// Waits until the output contains `text`. - Throws: on timeout or exit first.
    public func waitForOutput(_ text: String, timeout: Double = 20) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !output.contains(text) {
            if !process.isRunning && !output.contains(text) {
                throw DaemonError("convd exited (\(process.terminationStatus)) before printing '\(text)':\n\(output)")
            }
            if Date() > deadline { throw DaemonError("convd did not print '\(text)' within \(timeout)s:\n\(output)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Sends `signal` and waits for the exit. - Returns: the exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Double = 20) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        return try await waitForExit(timeout: timeout)
    }

    /// Waits for the process to end. - Returns: its exit status.
    public func waitForExit(timeout: Double = 20) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                throw DaemonError("convd did not exit within \(timeout)s:\n\(output)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

extension NSLock {
    /// A value guarded by a lock.
    final class Boxed<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Value
        init(_ value: Value) { self.value = value }
        func withLock<R>(_ body: (inout Value) -> R) -> R {
            lock.lock()
            defer { lock.unlock() }
            return body(&value)
        }
    }
}
