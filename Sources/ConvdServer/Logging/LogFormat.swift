/// How the daemon writes its log lines: swift-log's plain text, or one JSON object per line for a
/// log shipper.
public enum LogFormat: String, Sendable, CaseIterable {
    /// swift-log's `StreamLogHandler` lines.
    case text
    /// `JSONLogHandler` lines.
    case json
}
