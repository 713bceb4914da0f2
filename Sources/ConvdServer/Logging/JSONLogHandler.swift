import ConvdCore
import Foundation
import Logging

/// A swift-log handler writing one JSON object per line to standard error: `ts` (UTC, ms),
/// `level`, `logger`, `msg`, then the metadata (a call's `call_id`, `method`, `peer_uid`, `role`).
/// swift-log ships only a text handler; this is the small part written by hand.
public struct JSONLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The least level written.
    public var logLevel: Logger.Level = .info
    /// Metadata on every line of this logger.
    public var metadata: Logger.Metadata = [:]
    private let write: @Sendable (String) -> Void

    /// A handler for `label`, writing to standard error (or to `write`, for tests).
    public init(label: String, write: (@Sendable (String) -> Void)? = nil) {
        self.label = label
        self.write = write ?? { line in
            // One write per line, so lines from several threads never interleave.
            line.utf8CString.withUnsafeBufferPointer { p in _ = Foundation.write(STDERR_FILENO, p.baseAddress, p.count - 1) }
        }
    }

    /// Reads or sets one metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line.
    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        var line = "{\"ts\":\(Escape.json(ISOTime.string(ms: Self.nowMs()))),\"level\":\(Escape.json(event.level.rawValue))"
        line += ",\"logger\":\(Escape.json(label)),\"msg\":\(Escape.json(event.message.description))"
        for key in fields.keys.sorted() where !["ts", "level", "logger", "msg"].contains(key) {
            if let value = fields[key] { line += ",\(Escape.json(key)):\(Self.json(value))" }
        }
        write(line + "}\n")
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): Escape.json(s)
        case .stringConvertible(let s): Escape.json(s.description)
        case .array(let a): "[" + a.map(json).joined(separator: ",") + "]"
        case .dictionary(let d): "{" + d.sorted { $0.key < $1.key }.map { "\(Escape.json($0.key)):\(json($0.value))" }.joined(separator: ",") + "}"
        }
    }

    static func nowMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(truncatingIfNeeded: ts.tv_sec) * 1000 + Int64(truncatingIfNeeded: ts.tv_nsec) / 1_000_000
    }
}
