import ConvdCore

/// What the server needs from storage. The SQLite implementation is `SQLiteStorage`; a second
/// backend (PostgreSQL) implements the same protocol without any handler changing.
public protocol ConvdStorage: Sendable {
    /// Creates a recipient, or changes the fields `options` lists (all when none), refusing a stale
    /// `options.expectedUpdatedAtMs`; keeps `createdAtMs` and the archive stamp.
    func putRecipient(_ recipient: Recipient, options: PutOptions, idempotency: IdempotencyClaim?) async throws(ConvdError) -> PutResult<Recipient>
    /// The recipient with `id`, archived or not. - Throws: `notFound` naming it.
    func recipient(id: String) async throws(ConvdError) -> Recipient
    /// Up to `limit` recipients with ids after `after`, in id order; archived ones only if asked.
    func listRecipients(after: String?, limit: Int, includeArchived: Bool) async throws(ConvdError) -> [Recipient]
    /// Deletes a recipient with no history; archives one with deliveries or conversions.
    func deleteRecipient(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeleteResult
    /// Brings an archived recipient back. - Throws: `failedPrecondition` when it is not archived.
    func restoreRecipient(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Recipient

    /// As `putRecipient`, for sources.
    func putSource(_ source: Source, options: PutOptions, idempotency: IdempotencyClaim?) async throws(ConvdError) -> PutResult<Source>
    /// The source with `id`. - Throws: `notFound` naming it.
    func source(id: String) async throws(ConvdError) -> Source
    /// Up to `limit` sources with ids after `after`, in id order; archived ones only if asked.
    func listSources(after: String?, limit: Int, includeArchived: Bool) async throws(ConvdError) -> [Source]
    /// Deletes a source with no history; archives one with history.
    func deleteSource(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeleteResult
    /// Brings an archived source back.
    func restoreSource(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Source

    /// Records a delivery, generating a time-sortable event ID when it has none.
    /// - Throws: `notFound` for an unknown recipient or source, `failedPrecondition` for an archived
    ///   one, `alreadyExists` for a taken event ID.
    func recordDelivery(_ delivery: Delivery, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Delivery
    /// The delivery with `eventID`. - Throws: `notFound` naming it.
    func delivery(eventID: String) async throws(ConvdError) -> Delivery
    /// Erases the personal data of the deliveries `target` names (GDPR): their lead fields, their
    /// conversions' fields, and those values wherever convd copied them (event inputs, forwards,
    /// attempt logs, saved answers). Money and identifiers stay, so totals do not change.
    /// - Returns: the event IDs erased (none for an email no lead has) and when.
    /// - Throws: `notFound` for an unknown event ID.
    func eraseDeliveries(_ target: ErasureTarget) async throws(ConvdError) -> (eventIDs: [String], erasedAtMs: Int64)

    /// Records one feedback in one transaction (DESIGN.md's seven steps). A refused feedback is
    /// still logged as a FAILED event before the error is thrown.
    func recordFeedback(_ input: FeedbackInput, idempotency: IdempotencyClaim?, actor: String) async throws(ConvdError) -> FeedbackResult
    /// Records each feedback in its own savepoint of one transaction; one failing does not fail the others.
    func recordFeedbackBatch(_ inputs: [FeedbackInput], idempotency: IdempotencyClaim?, actor: String) async throws(ConvdError) -> [BatchItemResult]
    /// Applies a correction (retract, restate, approve, reject) as a new version.
    func adjust(_ adjustment: AdjustmentInput, idempotency: IdempotencyClaim?, actor: String) async throws(ConvdError) -> FeedbackResult

    /// A conversion, its earlier versions and (INCREMENT) its instalments, oldest first. - Throws: `notFound`.
    func conversion(id: String) async throws(ConvdError) -> (Conversion, history: [ConversionVersion], instalments: [Instalment])
    /// Up to `limit` conversions after `afterSeq`, in creation order (a stable keyset).
    func listConversions(_ filter: ConversionFilter, afterSeq: Int64, limit: Int) async throws(ConvdError) -> [(seq: Int64, conversion: Conversion)]
    /// Counts and values per group.
    func stats(_ query: StatsQuery) async throws(ConvdError) -> [StatsRow]
    /// Up to `limit` feedback events after `afterSeq`, oldest first.
    func listEvents(_ filter: EventFilter, afterSeq: Int64, limit: Int) async throws(ConvdError) -> [FeedbackEvent]
    /// Up to `limit` feedback events before `beforeSeq` (0: from the newest), newest first.
    func listEventsNewestFirst(_ filter: EventFilter, beforeSeq: Int64, limit: Int) async throws(ConvdError) -> [FeedbackEvent]
    /// The newest event's seq.
    func latestEventSeq() async throws(ConvdError) -> Int64
    /// Wakes watchers when events are committed.
    var notifier: EventNotifier { get }
    /// Wakes the forwarding worker after a commit that queued forwards (new ones, or dead ones
    /// retried), or, on a shared database, any other daemon's commit.
    var forwardsNotifier: EventNotifier { get }

    /// Forwards due now, at most one per order key (a conversion's go out in order), but those
    /// another sender (a second daemon on the same database) holds a lease on.
    func dueForwards(nowMs: Int64, limit: Int, leaseOwner: String) async throws(ConvdError) -> [OutboxItem]
    /// Leases `ids` to `owner` for `leaseMs` before they are sent. - Returns: the ids it got.
    func claimForwards(ids: [Int64], owner: String, nowMs: Int64, leaseMs: Int64) async throws(ConvdError) -> Set<Int64>
    /// When the next pending forward falls due after `nowMs`: a retry waiting out its backoff, or
    /// another sender's lease running out (`leaseOwner`'s own leases do not count).
    func nextForwardDueAtMs(after nowMs: Int64, leaseOwner: String) async throws(ConvdError) -> Int64?
    /// Logs an attempt and moves the item to SENT, DEAD or PENDING (again at `retryAtMs`).
    func recordForwardAttempt(_ item: OutboxItem, attempt: ForwardAttempt, verdict: ForwardVerdict, retryAtMs: Int64) async throws(ConvdError)
    /// Takes one empty commit through the writer: readiness, proving the writer runs and the
    /// database can be locked and committed.
    func probeCommit() async throws(ConvdError)
    /// Outbox items waiting (PENDING) or given up (DEAD), counted by source and state, for metrics.
    func outboxCounts() async throws(ConvdError) -> [OutboxCount]
    /// A page of outbox items, oldest first.
    func listForwards(_ filter: OutboxFilter, afterID: Int64, limit: Int, includeAttempts: Bool) async throws(ConvdError) -> [OutboxItem]
    /// Queues DEAD forwards again (one, or all of a source's).
    func retryForwards(itemID: Int64?, sourceID: String?, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Int

    /// Corrects a delivery's cost (nil removes it), kept as a new version of its cost history.
    /// - Throws: `notFound` for an unknown delivery, `failedPrecondition` when the cost is unchanged.
    func adjustCost(eventID: String, cost: Money?, reason: String, actor: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> CostAdjustment
    /// Every cost a delivery has had, oldest first.
    func costHistory(eventID: String) async throws(ConvdError) -> [CostVersion]
    /// The delivery's return and its credit, or nil when it has none.
    func deliveryReturn(eventID: String) async throws(ConvdError) -> DeliveryReturn?
    /// Retracts an accepted return (see `SQLiteStorage.retractReturn`).
    func retractReturn(eventID: String, reason: String, actor: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeliveryReturn

    /// A consistent copy of the whole database at the absolute `path`, taken while writes go on and
    /// checked by SQLite's integrity_check before it is answered.
    /// - Throws: `invalidArgument` for a relative path, `alreadyExists` when the file exists,
    ///   `failedPrecondition` when its directory does not.
    func backup(to path: String) async throws(ConvdError) -> BackupSummary

    /// A source's vendor statement for a month (see `SQLiteStorage.statement`).
    func statement(sourceID: String, month: String, timeZone: String, detail: Bool, pageSize: Int,
                   pageToken: String) async throws(ConvdError) -> VendorStatement
    /// Closes a source's month for good (see `SQLiteStorage.closeMonth`).
    func closeMonth(sourceID: String, month: String, timeZone: String, actor: String,
                    idempotency: IdempotencyClaim?) async throws(ConvdError) -> StatementClose

    /// Counts for `System/Info`.
    func counters() -> [String: UInt64]
}

extension ConvdStorage {
    /// Creates or replaces a whole recipient, without an idempotency key (in-process callers).
    public func putRecipient(_ recipient: Recipient) async throws(ConvdError) -> PutResult<Recipient> {
        try await putRecipient(recipient, options: PutOptions(), idempotency: nil)
    }

    /// Creates or replaces a whole source, without an idempotency key (in-process callers).
    public func putSource(_ source: Source) async throws(ConvdError) -> PutResult<Source> {
        try await putSource(source, options: PutOptions(), idempotency: nil)
    }

    /// Records a delivery without an idempotency key (in-process callers).
    public func recordDelivery(_ delivery: Delivery) async throws(ConvdError) -> Delivery {
        try await recordDelivery(delivery, idempotency: nil)
    }
}
