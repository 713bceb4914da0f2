import ConvdCore

/// The recipients and sources one feedback job has read. A RecordBatch of 1,000 feedbacks on
/// one recipient checked its row's stamp 2,000 times (recipient and source, per feedback); now
/// once each. Safe because a job runs inside one transaction, which holds the write lock, and
/// writes no recipient or source itself: what it read stays current until it ends.
final class JobReadMemo {
    private var recipients: [String: Recipient?] = [:]
    private var sources: [String: Source?] = [:]

    /// A memo for a new job.
    init() {}

    /// The recipient `id` as this job first read it (through `read` the first time).
    func recipient(_ id: String, read: (String) throws -> Recipient?) rethrows -> Recipient? {
        try Self.remembered(id, in: &recipients, read: read)
    }

    /// The source `id` as this job first read it (through `read` the first time).
    func source(_ id: String, read: (String) throws -> Source?) rethrows -> Source? {
        try Self.remembered(id, in: &sources, read: read)
    }

    /// `memo[id]`, read and kept the first time; a row found missing is remembered as missing.
    private static func remembered<Value>(_ id: String, in memo: inout [String: Value?],
                                          read: (String) throws -> Value?) rethrows -> Value? {
        if let known = memo[id] { return known }
        let value = try read(id)
        memo.updateValue(value, forKey: id)
        return value
    }
}
