/// The reads and writes `FeedbackRecorder` makes inside one open backend transaction. Each
/// backend (SQLite, PostgreSQL) implements these as single statements; the money rules, the
/// order of the writes and the races they close stay in the recorder, once.
public protocol FeedbackTransactionStore {
    /// Runs `body` in a savepoint: it commits with the transaction, or rolls back alone when
    /// `body` throws. A backend error leaves it as the `ConvdError` it maps to.
    func inSavepoint<T>(_ body: () throws -> T) throws -> T

    /// The delivery a feedback targets; by click ID, the latest delivery of that click to the recipient.
    func delivery(_ target: FeedbackInput.Target) throws -> Delivery?
    /// The recipient `id` as of this transaction (a cache must check the row's `updated_at_ms`).
    func recipient(id: String) throws -> Recipient?
    /// The source `id` as of this transaction.
    func source(id: String) throws -> Source?

    /// The current conversion for a mode key (the highest key slot), with its slot.
    func currentConversion(recipientID: String, typeKey: String, attributionID: String) throws -> (Conversion, slot: Int)?
    /// The conversion `id`.
    func conversion(id: String) throws -> Conversion?
    /// Inserts a new conversion. - Returns: false when its mode key is taken (a concurrent twin won).
    func insertConversion(_ conversion: Conversion, slot: Int?) throws -> Bool
    /// Replaces a conversion's state if its version is still `previousVersion`. - Returns: false when it moved.
    func replaceConversion(_ conversion: Conversion, previousVersion: Int) throws -> Bool
    /// Appends a version to a conversion's history.
    func insertVersion(_ version: ConversionVersion, conversionID: String) throws

    /// Every instalment of a conversion, oldest first.
    func instalments(of conversionID: String) throws -> [Instalment]
    /// Inserts an instalment; its key (conversion, number) makes a concurrent twin fail.
    func insertInstalment(_ instalment: Instalment, conversionID: String, recipientID: String) throws
    /// Writes an instalment's new amount, status and version.
    func updateInstalment(_ instalment: Instalment, conversionID: String) throws
    /// The newest instalment with `transactionID` among the recipient's conversions.
    func instalment(recipientID: String, transactionID: String) throws -> (conversionID: String, number: Int)?
    /// The newest conversion of the recipient whose current transaction ID is `transactionID`.
    func latestConversion(recipientID: String, transactionID: String) throws -> Conversion?

    /// Claims a transaction ID for a mode key; the key's uniqueness is the check, so two daemons
    /// racing one purchase count it once. - Returns: nil when claimed now, else the conversion
    /// that claimed it first.
    func claimTransaction(recipientID: String, typeKey: String, attributionID: String, transactionID: String,
                          conversionID: String, atMs: Int64) throws -> String?
    /// The conversion an earlier claim of `transactionID` belongs to (merged INCREMENT postbacks).
    func claimedConversionID(recipientID: String, transactionID: String) throws -> String?

    /// Whether the delivery has a return already (retracted ones included).
    func hasReturn(eventID: String) throws -> Bool
    /// The source's returns (not retracted) and deliveries in `[startMs, endMs)`, for its return cap.
    func returnCapCounts(sourceID: String, startMs: Int64, endMs: Int64) throws -> (returns: Int, deliveries: Int)
    /// Inserts the delivery's return. - Returns: false when it has one already (a concurrent twin won).
    func insertReturn(of delivery: Delivery, reason: String, returnedAtMs: Int64, occurredAtMs: Int64) throws -> Bool
    /// Points the delivery's return at the event that recorded it.
    func setReturnEventSeq(eventID: String, seq: Int64) throws

    /// Appends an event to the feedback log. - Returns: its seq.
    func appendEvent(_ draft: FeedbackEventDraft) throws -> Int64
    /// Queues a forward in the outbox.
    func enqueue(_ forward: PendingForward) throws
}
