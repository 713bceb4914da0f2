import ConvdCore
import Foundation
import Logging

/// The data directory and database files are as private as the socket: created 0700 and 0600,
/// checked at start, and a read-only directory is a clear start error rather than a later one.
enum DataDirectory {
    /// Creates `path` mode 0700 when absent and checks that convd can write in it.
    /// - Throws: `ConvdError.unavailable` naming the directory when it cannot be created or written.
    static func prepare(_ path: String, databasePath: String, logger: Logger) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConvdError.unavailable("cannot create the data directory \(path): \(error.localizedDescription)")
        }
        let dbDirectory = (databasePath as NSString).deletingLastPathComponent
        for dir in Set([path, dbDirectory.isEmpty ? "." : dbDirectory]) where access(dir, W_OK) != 0 {
            throw ConvdError.unavailable("the data directory \(dir) is not writable by convd (uid \(getuid())); fix its owner or mode")
        }
        if let mode = Self.mode(path), mode & 0o077 != 0 {
            logger.warning("the data directory is open to group or others; run: chmod 700 \(path)",
                           metadata: ["mode": "\(String(mode, radix: 8))"])
        }
    }

    /// Warns, naming the fix, when the database or its WAL/SHM files are readable by others: they
    /// hold the leads' e-mails and the forwarding API keys.
    static func warnIfShared(_ databasePath: String, logger: Logger) {
        for file in [databasePath, databasePath + "-wal", databasePath + "-shm"] {
            if let mode = Self.mode(file), mode & 0o077 != 0 {
                logger.warning("\(file) is readable by group or others; run: chmod 600 \(file)",
                               metadata: ["mode": "\(String(mode, radix: 8))"])
            }
        }
    }

    private static func mode(_ path: String) -> UInt16? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return UInt16(truncatingIfNeeded: st.st_mode & 0o777)
    }
}
