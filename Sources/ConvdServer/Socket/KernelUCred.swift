import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Linux's `struct ucred` (pid_t, uid_t, gid_t), which Glibc's module map hides behind
/// _GNU_SOURCE; same layout, read by SO_PEERCRED.
struct KernelUCred: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0

    /// SO_PEERCRED on Linux.
    static let optionName: Int32 = 17
}
