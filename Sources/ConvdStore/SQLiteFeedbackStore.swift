import ConvdCore
import GRDB

/// `FeedbackRecorder`'s reads and writes on SQLite, inside the writer's open transaction. Every
/// method is one statement (or a cached read); the money rules are the recorder's.
struct SQLiteFeedbackStore: FeedbackTransactionStore {
    let db: Database
    let recipients: StampedCache<Recipient>
    let sources: StampedCache<Source>
    /// The events' input JSON, encoded before the writer (nil: encoded here).
    var preEncoded: PreEncodedInputs?
    /// Marked when a forward is queued (nil: nobody asks).
    var forwards: ForwardsQueuedMark?
    /// What this job has already read of recipients and sources.
    let memo = JobReadMemo()

    func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        do {
            return try db.inCachedSavepoint("feedback", body)
        } catch let error as DatabaseError {
            throw StoreErrorMapping.map(error, context: "recording feedback")
        }
    }

    func delivery(_ target: FeedbackInput.Target) throws -> Delivery? { try DeliveryRecord.find(target, in: db) }
    func recipient(id: String) throws -> Recipient? { try memo.recipient(id) { try recipients.value($0, in: db) } }
    func source(id: String) throws -> Source? { try memo.source(id) { try sources.value($0, in: db) } }

    func currentConversion(recipientID: String, typeKey: String, attributionID: String) throws -> (Conversion, slot: Int)? {
        try ConversionRecord.current(recipientID: recipientID, type: typeKey, attributionID: attributionID, in: db)
    }

    func conversion(id: String) throws -> Conversion? { try ConversionRecord.byID(id, in: db) }

    func insertConversion(_ conversion: Conversion, slot: Int?) throws -> Bool {
        try ConversionRecord.insert(conversion, slot: slot, in: db)
    }

    func replaceConversion(_ conversion: Conversion, previousVersion: Int) throws -> Bool {
        try ConversionRecord.replace(conversion, previousVersion: previousVersion, in: db)
    }

    func insertVersion(_ version: ConversionVersion, conversionID: String) throws {
        try ConversionRecord.insertVersion(version, conversionID: conversionID, in: db)
    }

    func instalments(of conversionID: String) throws -> [Instalment] { try InstalmentRecord.all(of: conversionID, in: db) }

    func insertInstalment(_ instalment: Instalment, conversionID: String, recipientID: String) throws {
        try InstalmentRecord.insert(instalment, conversionID: conversionID, recipientID: recipientID, in: db)
    }

    func updateInstalment(_ instalment: Instalment, conversionID: String) throws {
        try InstalmentRecord.update(instalment, conversionID: conversionID, in: db)
    }

    func instalment(recipientID: String, transactionID: String) throws -> (conversionID: String, number: Int)? {
        try InstalmentRecord.find(recipientID: recipientID, transactionID: transactionID, in: db)
    }

    func latestConversion(recipientID: String, transactionID: String) throws -> Conversion? {
        // Two places hold the conversions with this ID (v14): the transaction index those whose
        // ID is not the one they claimed, and the claims' key those whose ID still is.
        try db.first("""
            SELECT \(ConversionRecord.columns) FROM conversion WHERE seq = (SELECT max(seq) FROM (
              SELECT seq FROM conversion
              WHERE recipient_id = ? AND transaction_id = ? AND transaction_id <> claimed_transaction_id AND transaction_id <> ''
              UNION ALL
              SELECT c.seq FROM conversion_transaction t JOIN conversion c ON c.id = t.conversion_id
              WHERE t.recipient_id = ? AND t.transaction_id = ? AND c.transaction_id = t.transaction_id
                AND c.claimed_transaction_id = t.transaction_id))
            """, recipientID, transactionID, recipientID, transactionID, as: ConversionRecord.conversion(from:))
    }

    func claimTransaction(recipientID: String, typeKey: String, attributionID: String, transactionID: String,
                          conversionID: String, atMs: Int64) throws -> String? {
        try db.exec("""
            INSERT INTO conversion_transaction (recipient_id, type_key, attribution_id, transaction_id, conversion_id, recorded_at_ms)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, recipientID, typeKey, attributionID, transactionID, conversionID, atMs)
        guard db.changesCount == 0 else { return nil }
        return try db.scalar(String.self, """
            SELECT conversion_id FROM conversion_transaction
            WHERE recipient_id = ? AND type_key = ? AND attribution_id = ? AND transaction_id = ?
            """, recipientID, typeKey, attributionID, transactionID) ?? ""
    }

    func claimedConversionID(recipientID: String, transactionID: String) throws -> String? {
        // max(rowid) picks the latest claim's row among the key's few (SQLite's bare-column rule)
        // without a sort: the key orders them by type and attribution, not by age.
        try db.scalar(String.self, """
            SELECT conversion_id, max(rowid) FROM conversion_transaction WHERE recipient_id = ? AND transaction_id = ?
            """, recipientID, transactionID)
    }

    func hasReturn(eventID: String) throws -> Bool {
        try db.scalar(Bool.self, "SELECT 1 FROM delivery_return WHERE event_id = ?", eventID) ?? false
    }

    func returnCapCounts(sourceID: String, startMs: Int64, endMs: Int64) throws -> (returns: Int, deliveries: Int) {
        let returns = try db.scalar(Int.self, """
            SELECT count(*) FROM delivery_return WHERE source_id = ? AND returned_at_ms >= ? AND returned_at_ms < ? AND retracted_at_ms = 0
            """, sourceID, startMs, endMs) ?? 0
        let deliveries = try db.scalar(Int.self, """
            SELECT count(*) FROM delivery WHERE source_id = ? AND delivered_at_ms >= ? AND delivered_at_ms < ?
            """, sourceID, startMs, endMs) ?? 0
        return (returns, deliveries)
    }

    func insertReturn(of delivery: Delivery, reason: String, returnedAtMs: Int64, occurredAtMs: Int64) throws -> Bool {
        try db.exec("""
            INSERT INTO delivery_return (event_id, recipient_id, source_id, reason, test, returned_at_ms, occurred_at_ms, event_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(event_id) DO NOTHING
            """, delivery.eventID, delivery.recipientID, delivery.sourceID, reason, delivery.test, returnedAtMs, occurredAtMs)
        return db.changesCount == 1
    }

    func setReturnEventSeq(eventID: String, seq: Int64) throws {
        try db.exec("UPDATE delivery_return SET event_seq = ? WHERE event_id = ?", seq, eventID)
    }

    func appendEvent(_ draft: FeedbackEventDraft) throws -> Int64 { try EventRecord.append(draft, preEncoded: preEncoded, in: db) }

    func enqueue(_ forward: PendingForward) throws {
        try OutboxRecord.enqueue(forward, in: db)
        forwards?.set()
    }
}
