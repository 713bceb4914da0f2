import ConvdCore

/// What the server needs from storage. The SQLite implementation is `SQLiteStorage`; a second
/// backend (PostgreSQL) implements the same protocol without any handler changing.
public protocol ConvdStorage: Sendable {
    /// Creates or replaces a recipient; keeps `createdAtMs` on replace.
    /// - Returns: the recipient as stored and whether it was created.
    func putRecipient(_ recipient: Recipient) async throws(ConvdError) -> (Recipient, created: Bool)
    /// The recipient with `id`. - Throws: `notFound` naming it.
    func recipient(id: String) async throws(ConvdError) -> Recipient
    /// Up to `limit` recipients with ids after `after`, in id order.
    func listRecipients(after: String?, limit: Int) async throws(ConvdError) -> [Recipient]
    /// Deletes a recipient. - Throws: `failedPrecondition` when it has deliveries and not `force`.
    /// - Returns: how many deliveries were deleted with it.
    func deleteRecipient(id: String, force: Bool) async throws(ConvdError) -> UInt64

    /// Creates or replaces a source; keeps `createdAtMs` on replace.
    func putSource(_ source: Source) async throws(ConvdError) -> (Source, created: Bool)
    /// The source with `id`. - Throws: `notFound` naming it.
    func source(id: String) async throws(ConvdError) -> Source
    /// Up to `limit` sources with ids after `after`, in id order.
    func listSources(after: String?, limit: Int) async throws(ConvdError) -> [Source]
    /// Deletes a source. - Throws: `failedPrecondition` when it has deliveries and not `force`.
    func deleteSource(id: String, force: Bool) async throws(ConvdError) -> UInt64

    /// Counts for `System/Info`.
    func counters() -> [String: UInt64]
}
