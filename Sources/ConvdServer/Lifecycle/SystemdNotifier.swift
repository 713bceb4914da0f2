import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// systemd's notify protocol (`sd_notify(3)`), written by hand: no package on this machine's
/// list speaks it, and it is one datagram to the socket named by `NOTIFY_SOCKET` (a path, or an
/// abstract name starting with "@"). Without `NOTIFY_SOCKET` every call does nothing.
public struct SystemdNotifier: Sendable {
    private let socketPath: String?

    /// A notifier for `environment`'s `NOTIFY_SOCKET`, if any.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a supervisor listens (`NOTIFY_SOCKET` is set).
    public var isActive: Bool { socketPath != nil }

    /// Sends `state` ("READY=1", "STOPPING=1", "WATCHDOG=1", "STATUS=..."; newline-separated for
    /// several). Returns false when there is nobody to tell or the datagram could not be sent.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        guard let path = socketPath else { return false }
        let fd = socket(AF_UNIX, Int32(truncatingIfNeeded: SOCK_DGRAM.rawValue) | Int32(truncatingIfNeeded: SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        if bytes.first == 0x40 { bytes[0] = 0 }  // "@": an abstract socket name
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in raw.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == 0 ? 0 : 1))
        let message = Array(state.utf8)
        let sent = withUnsafePointer(to: &addr) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                message.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(truncatingIfNeeded: MSG_NOSIGNAL), sa, length) }
            }
        }
        return sent == message.count
    }

    /// The watchdog interval systemd asks for (`WATCHDOG_USEC`, for this process per
    /// `WATCHDOG_PID`), or nil when there is none.
    public static func watchdogInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration? {
        guard let usec = environment["WATCHDOG_USEC"].flatMap({ UInt64($0) }), usec > 0 else { return nil }  // no-trap: a parse
        if let pid = environment["WATCHDOG_PID"], pid != "\(getpid())" { return nil }
        return .microseconds(Int64(clamping: usec))
    }
}
