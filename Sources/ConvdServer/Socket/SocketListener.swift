import ConvdCore
import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// Prepares the socket path and binds it: a live daemon already there means refuse to start; a
/// stale file from a crashed run is removed. The socket is created with mode 0600 (0660 with a
/// group) from the start, by a umask around the bind, so it is never briefly open to others.
public enum SocketListener {
    /// Why the socket could not be set up.
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// Removes a stale socket file at `path`, or throws when a daemon is answering there.
    static func claim(path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }  // nothing there
        guard (st.st_mode & S_IFMT) == S_IFSOCK else {
            throw SetupError(description: "\(path) exists and is not a socket; refusing to replace it")
        }
        if isLive(path: path) {
            throw SetupError(description: "another convd is already listening on \(path)")
        }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw SetupError(description: "cannot remove stale socket \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Whether something accepts connections on the socket at `path` (also asked by
    /// `convd --restore`, which must not swap the database under a running daemon).
    public static func isLive(path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(truncatingIfNeeded: SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }

    /// Binds `bootstrap` on `path` with the right mode and group.
    static func bind(_ bootstrap: ServerBootstrap, path: String, group: UInt32?) async throws -> any Channel {
        try claim(path: path)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let mask: mode_t = group == nil ? 0o177 : 0o117
        let previous = umask(mask)
        defer { umask(previous) }
        let channel = try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: false).get()
        if let group {
            guard chown(path, uid_t.max, group) == 0 else {  // uid_t.max (-1) leaves the owner as is
                throw SetupError(description: "cannot give \(path) to group \(group): \(String(cString: strerror(errno)))")
            }
            chmod(path, 0o660)
        } else {
            chmod(path, 0o600)
        }
        return channel
    }
}
