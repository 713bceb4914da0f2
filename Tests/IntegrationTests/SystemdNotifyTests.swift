import ConvdClient
import ConvdTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real daemon speaks systemd's notify protocol to a real `NOTIFY_SOCKET` datagram socket made
/// here: READY=1 once its socket accepts calls, WATCHDOG=1 while it can commit, STOPPING=1 when a
/// SIGTERM starts the drain. And readiness (`System/Health` with readiness) reports SERVING.
@Suite(.serialized)
struct SystemdNotifyTests {
    /// A bound datagram socket at `path` that collects what is sent to it.
    final class NotifyListener: @unchecked Sendable {
        let fd: Int32

        init(path: String) throws {
            fd = socket(AF_UNIX, Int32(truncatingIfNeeded: SOCK_DGRAM.rawValue), 0)
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &addr.sun_path) { raw in raw.copyBytes(from: Array(path.utf8)) }
            let bound = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard fd >= 0, bound == 0 else { throw CocoaError(.fileWriteUnknown) }
            var tv = timeval(tv_sec: 60, tv_usec: 0)  // a safety net, not a timing claim
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        }

        /// The next datagram, or nil after the safety limit.
        func next() -> String? {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &buffer, buffer.count, 0)
            return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : nil
        }

        /// Datagrams until one contains `state`; all of them, that one last.
        func until(_ state: String) -> [String] {
            var seen: [String] = []
            while let message = next() {
                seen.append(message)
                if message.split(separator: "\n").contains(Substring(state)) { break }
            }
            return seen
        }

        deinit { close(fd) }
    }

    @Test func readyThenWatchdogThenStoppingAndReadiness() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let listener = try NotifyListener(path: dir.file("notify.sock"))
        let daemon = try DaemonProcess(arguments: ["--data-dir", dir.file("d"), "--log-level", "warning"],
                                       environment: ["NOTIFY_SOCKET": dir.file("notify.sock"), "WATCHDOG_USEC": "200000"])
        let ready = listener.until("READY=1")
        #expect(ready.last?.contains("STATUS=serving on \(dir.file("d/convd.sock"))") == true)
        #expect(ready.last?.contains("MAINPID=\(daemon.process.processIdentifier)") == true)
        // READY means the socket takes calls now, and readiness holds.
        let client = try await ConvdClient.connect(socketPath: dir.file("d/convd.sock"))
        let readiness = try await client.readiness()
        #expect(readiness.status == "SERVING" && readiness.problems.isEmpty)
        await client.close()
        // The watchdog pings after a commit succeeds (every 100 ms for a 200 ms WATCHDOG_USEC).
        #expect(listener.until("WATCHDOG=1").last?.contains("WATCHDOG=1") == true)
        kill(daemon.process.processIdentifier, SIGTERM)
        #expect(listener.until("STOPPING=1").last?.contains("STOPPING=1") == true)
        #expect(try await daemon.waitForExit() == 0)
    }
}
