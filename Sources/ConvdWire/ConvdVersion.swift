#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This build's version.
public enum ConvdVersion {
    /// Semantic version of the daemon and its clients.
    public static let current = "0.1.0"
}
