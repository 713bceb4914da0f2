import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain blocking Unix socket for tests that must send exact bytes (garbage, split frames,
/// oversized headers) that no well-behaved client would.
public final class RawSocket: @unchecked Sendable {
    private let fd: Int32

    /// Connects to `path`; reads give up after `readTimeout` seconds.
    public init(path: String, readTimeout: Int = 5) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        var tv = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Writes all of `bytes`. - Returns: false when the peer has gone.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// Writes one frame: a 4-byte big-endian length, then `body`.
    @discardableResult
    public func writeFrame(_ body: [UInt8]) -> Bool {
        write(Self.frame(body))
    }

    /// `body` with its length prefix.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        let n = UInt32(body.count)
        return [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)] + body
    }

    /// Reads exactly `count` bytes, or nil at end of stream or timeout.
    public func read(count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let n = buffer[offset...].withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            offset += n
        }
        return buffer
    }

    /// Reads one frame's body, or nil at end of stream or timeout.
    public func readFrame() -> [UInt8]? {
        guard let header = read(count: 4) else { return nil }
        let n = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        return n == 0 ? [] : read(count: n)
    }

    /// Whether the peer closed the connection (a read returns end of stream).
    public func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }

    /// Reads everything until the peer closes or the read times out.
    /// - Returns: the bytes read and whether the peer closed the connection.
    public func drain() -> (bytes: Int, closed: Bool) {
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return (total, true) }
            if n < 0 { return (total, false) }
            total += n
        }
    }

    /// Shuts down the writing side, as a client that went away mid-frame would.
    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }
}
