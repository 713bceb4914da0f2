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

    /// Records a delivery, generating a time-sortable event ID when it has none.
    /// - Throws: `notFound` for an unknown recipient or source, `alreadyExists` for a taken event ID.
    func recordDelivery(_ delivery: Delivery) async throws(ConvdError) -> Delivery
    /// The delivery with `eventID`. - Throws: `notFound` naming it.
    func delivery(eventID: String) async throws(ConvdError) -> Delivery

    /// Records one feedback in one transaction (DESIGN.md's seven steps). A refused feedback is
    /// still logged as a FAILED event before the error is thrown.
    func recordFeedback(_ input: FeedbackInput, idempotencyKey: String, actor: String) async throws(ConvdError) -> FeedbackResult
    /// Records each feedback in its own savepoint of one transaction; one failing does not fail the others.
    func recordFeedbackBatch(_ inputs: [FeedbackInput], idempotencyKey: String, actor: String) async throws(ConvdError) -> [BatchItemResult]
    /// Applies a correction (retract, restate, approve, reject) as a new version.
    func adjust(_ adjustment: AdjustmentInput, idempotencyKey: String, actor: String) async throws(ConvdError) -> FeedbackResult

    /// A conversion and its earlier versions, oldest first. - Throws: `notFound`.
    func conversion(id: String) async throws(ConvdError) -> (Conversion, history: [ConversionVersion])
    /// Up to `limit` conversions after `afterSeq`, in creation order (a stable keyset).
    func listConversions(_ filter: ConversionFilter, afterSeq: Int64, limit: Int) async throws(ConvdError) -> [(seq: Int64, conversion: Conversion)]
    /// Counts and values per group.
    func stats(_ filter: ConversionFilter, groupBy: StatsGrouping) async throws(ConvdError) -> [StatsRow]
    /// Up to `limit` feedback events after `afterSeq`, oldest first.
    func listEvents(_ filter: EventFilter, afterSeq: Int64, limit: Int) async throws(ConvdError) -> [FeedbackEvent]
    /// The newest event's seq.
    func latestEventSeq() async throws(ConvdError) -> Int64
    /// Wakes watchers when events are committed.
    var notifier: EventNotifier { get }

    /// Forwards due now, at most one per order key (a conversion's go out in order).
    func dueForwards(nowMs: Int64, limit: Int) async throws(ConvdError) -> [OutboxItem]
    /// When the next pending forward falls due.
    func nextForwardDueAtMs() async throws(ConvdError) -> Int64?
    /// Logs an attempt and moves the item to SENT, DEAD or PENDING (again at `retryAtMs`).
    func recordForwardAttempt(_ item: OutboxItem, attempt: ForwardAttempt, verdict: ForwardVerdict, retryAtMs: Int64) async throws(ConvdError)
    /// A page of outbox items, oldest first.
    func listForwards(_ filter: OutboxFilter, afterID: Int64, limit: Int, includeAttempts: Bool) async throws(ConvdError) -> [OutboxItem]
    /// Queues DEAD forwards again (one, or all of a source's).
    func retryForwards(itemID: Int64?, sourceID: String?) async throws(ConvdError) -> Int

    /// Counts for `System/Info`.
    func counters() -> [String: UInt64]
}
