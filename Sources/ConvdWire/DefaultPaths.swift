#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where convd keeps its files when no flag says otherwise; shared by the daemon and its clients
/// so that both find the same socket with zero configuration.
public enum DefaultPaths {
    /// `CONVD_DATA_DIR`, else `$XDG_STATE_HOME/convd`, else `$HOME/.local/state/convd`.
    public static var dataDirectory: String {
        if let dir = env("CONVD_DATA_DIR") { return dir }
        if let state = env("XDG_STATE_HOME") { return state + "/convd" }
        return (env("HOME") ?? "/tmp") + "/.local/state/convd"
    }

    /// `CONVD_SOCKET`, else `convd.sock` in the data directory.
    public static var socketPath: String {
        env("CONVD_SOCKET") ?? dataDirectory + "/convd.sock"
    }

    /// The database file's name inside the data directory.
    public static let databaseFileName = "convd.sqlite"

    private static func env(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let s = String(cString: value)
        return s.isEmpty ? nil : s
    }
}
