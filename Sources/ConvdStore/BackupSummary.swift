/// A finished backup: where the copy is and what it holds, read back from the copy itself.
public struct BackupSummary: Sendable, Equatable {
    /// The copy's path.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int64
    /// How long the copy took, in milliseconds.
    public var durationMs: Int64
    /// The newest feedback event in the copy.
    public var lastEventSeq: Int64
    /// Rows in the copy, by table.
    public var rows: [String: Int64]

    /// Creates a summary.
    public init(path: String, bytes: Int64, durationMs: Int64, lastEventSeq: Int64, rows: [String: Int64]) {
        self.path = path
        self.bytes = bytes
        self.durationMs = durationMs
        self.lastEventSeq = lastEventSeq
        self.rows = rows
    }
}
