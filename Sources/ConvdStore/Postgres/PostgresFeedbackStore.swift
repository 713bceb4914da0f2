import ConvdCore
import PostgresNIO

/// `FeedbackRecorder`'s reads and writes on PostgreSQL, inside one transaction of one session.
/// Races between daemons are closed by unique keys (mode key, transaction claim, return), the
/// conversion's version guard, and advisory locks where a decision spans rows (the return cap).
struct PostgresFeedbackStore: FeedbackTransactionStore {
    let tx: PostgresTransaction
    /// Marked when a forward is queued (nil: nobody asks).
    let forwards: ForwardsQueuedMark?
    init(tx: PostgresTransaction, forwards: ForwardsQueuedMark? = nil) {
        self.tx = tx
        self.forwards = forwards
    }

    func inSavepoint<T>(_ body: () throws -> T) throws -> T { try tx.inSavepoint(body) }

    func delivery(_ target: FeedbackInput.Target) throws -> Delivery? {
        switch target {
        case .eventID(let id):
            return try tx.rows("SELECT \(DeliveryRecord.columns) FROM delivery WHERE event_id = $1", [.text(id)])
                .first.map(DeliveryRecord.delivery(from:))
        case .click(let click, let recipient):
            return try tx.rows("""
                SELECT \(DeliveryRecord.columns) FROM delivery WHERE recipient_id = $1 AND click_id = $2
                ORDER BY delivered_at_ms DESC, event_id DESC LIMIT 1
                """, [.text(recipient), .text(click)]).first.map(DeliveryRecord.delivery(from:))
        }
    }

    func recipient(id: String) throws -> Recipient? {
        try tx.rows("SELECT \(RecipientRecord.columns) FROM recipient WHERE id = $1", [.text(id)]).first.map(RecipientRecord.recipient(from:))
    }

    func source(id: String) throws -> Source? {
        try tx.rows("SELECT \(SourceRecord.columns) FROM source WHERE id = $1", [.text(id)]).first.map(SourceRecord.source(from:))
    }

    /// Locked, as `conversion(id:)` is.
    func currentConversion(recipientID: String, typeKey: String, attributionID: String) throws -> (Conversion, slot: Int)? {
        guard let row = try tx.rows("""
            SELECT \(ConversionRecord.columns) FROM conversion
            WHERE recipient_id = $1 AND type_key = $2 AND attribution_id = $3 AND key_slot IS NOT NULL
            ORDER BY key_slot DESC LIMIT 1 FOR UPDATE
            """, [.text(recipientID), .text(typeKey), .text(attributionID)]).first
        else { return nil }
        return (try ConversionRecord.conversion(from: row), try row.value("key_slot"))
    }

    /// Locked until the transaction ends: concurrent postbacks to one conversion then queue on the
    /// row (and read it as the one before them left it) instead of losing the version race.
    func conversion(id: String) throws -> Conversion? {
        try tx.rows("SELECT \(ConversionRecord.columns) FROM conversion WHERE id = $1 FOR UPDATE", [.text(id)]).first.map(ConversionRecord.conversion(from:))
    }

    func insertConversion(_ c: Conversion, slot: Int?) throws -> Bool {
        try !tx.rows("""
            INSERT INTO conversion (id, recipient_id, source_id, conversion_type, type_key, attribution_id, key_slot, event_id, click_id,
              mode, status, reason, amount_minor, currency, fields, transaction_id, version, postback_count, test, created_at_ms,
              updated_at_ms, occurred_at_ms, approved_minor, pending_minor, negative)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
            ON CONFLICT (recipient_id, type_key, attribution_id, key_slot) DO NOTHING RETURNING 1
            """, [
                .text(c.id), .text(c.recipientID), .text(c.sourceID), .text(c.conversionType), .text(c.conversionType.lowercased()),
                .text(c.attributionID), .int(slot.map(Int64.init)), .text(c.eventID), .text(c.clickID), .text(c.mode.rawValue),
                .text(c.status.rawValue), .text(c.reason), .int(c.amount?.amountMinor), .text(c.amount?.currency),
                .text(try JSONColumn.encode(c.fields as [String: String])), .text(c.transactionID), .int(c.version), .int(c.postbackCount),
                .flag(c.test), .int(c.createdAtMs), .int(c.updatedAtMs), .int(c.occurredAtMs), .int(c.approvedAmount?.amountMinor),
                .int(c.pendingAmount?.amountMinor), .flag(c.negative),
            ]).isEmpty
    }

    func replaceConversion(_ c: Conversion, previousVersion: Int) throws -> Bool {
        try !tx.rows("""
            UPDATE conversion SET status = $1, reason = $2, amount_minor = $3, currency = $4, fields = $5, transaction_id = $6,
              version = $7, postback_count = $8, updated_at_ms = $9, occurred_at_ms = $10, approved_minor = $11, pending_minor = $12
            WHERE id = $13 AND version = $14 RETURNING 1
            """, [
                .text(c.status.rawValue), .text(c.reason), .int(c.amount?.amountMinor), .text(c.amount?.currency),
                .text(try JSONColumn.encode(c.fields as [String: String])), .text(c.transactionID), .int(c.version), .int(c.postbackCount),
                .int(c.updatedAtMs), .int(c.occurredAtMs), .int(c.approvedAmount?.amountMinor), .int(c.pendingAmount?.amountMinor),
                .text(c.id), .int(previousVersion),
            ]).isEmpty
    }

    func insertVersion(_ v: ConversionVersion, conversionID: String) throws {
        try tx.run("""
            INSERT INTO conversion_version (conversion_id, version, status, reason, amount_minor, currency, fields, transaction_id,
              postback_count, occurred_at_ms, recorded_at_ms, cause, actor, event_seq)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """, [
                .text(conversionID), .int(v.version), .text(v.status.rawValue), .text(v.reason), .int(v.amount?.amountMinor),
                .text(v.amount?.currency), .text(try JSONColumn.encode(v.fields as [String: String])), .text(v.transactionID),
                .int(v.postbackCount), .int(v.occurredAtMs), .int(v.recordedAtMs), .text(v.cause.rawValue), .text(v.actor), .int(v.eventSeq),
            ])
    }

    func instalments(of conversionID: String) throws -> [Instalment] {
        try tx.rows("SELECT * FROM conversion_instalment WHERE conversion_id = $1 ORDER BY number", [.text(conversionID)])
            .map { try InstalmentRecord.instalment(from: $0, conversionID: conversionID) }
    }

    func insertInstalment(_ i: Instalment, conversionID: String, recipientID: String) throws {
        try tx.run("""
            INSERT INTO conversion_instalment (conversion_id, number, recipient_id, transaction_id, amount_minor, currency, status,
              occurred_at_ms, recorded_at_ms, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, [.text(conversionID), .int(i.number), .text(recipientID), .text(i.transactionID), .int(i.amount?.amountMinor),
                  .text(i.amount?.currency), .text(i.status.rawValue), .int(i.occurredAtMs), .int(i.recordedAtMs), .int(i.version)])
    }

    func updateInstalment(_ i: Instalment, conversionID: String) throws {
        try tx.run("""
            UPDATE conversion_instalment SET amount_minor = $1, currency = $2, status = $3, version = $4
            WHERE conversion_id = $5 AND number = $6
            """, [.int(i.amount?.amountMinor), .text(i.amount?.currency), .text(i.status.rawValue), .int(i.version),
                  .text(conversionID), .int(i.number)])
    }

    func instalment(recipientID: String, transactionID: String) throws -> (conversionID: String, number: Int)? {
        try tx.rows("""
            SELECT conversion_id, number FROM conversion_instalment WHERE recipient_id = $1 AND transaction_id = $2
            ORDER BY seq DESC LIMIT 1
            """, [.text(recipientID), .text(transactionID)]).first.map { (try $0.value("conversion_id"), try $0.value("number")) }
    }

    func latestConversion(recipientID: String, transactionID: String) throws -> Conversion? {
        try tx.rows("""
            SELECT \(ConversionRecord.columns) FROM conversion WHERE recipient_id = $1 AND transaction_id = $2
            ORDER BY seq DESC LIMIT 1
            """, [.text(recipientID), .text(transactionID)]).first.map(ConversionRecord.conversion(from:))
    }

    func claimTransaction(recipientID: String, typeKey: String, attributionID: String, transactionID: String,
                          conversionID: String, atMs: Int64) throws -> String? {
        let key: [PostgresBind] = [.text(recipientID), .text(typeKey), .text(attributionID), .text(transactionID)]
        let claimed = try tx.rows("""
            INSERT INTO conversion_transaction (recipient_id, type_key, attribution_id, transaction_id, conversion_id, recorded_at_ms)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1
            """, key + [.text(conversionID), .int(atMs)])
        guard claimed.isEmpty else { return nil }
        return try tx.value(String.self, """
            SELECT conversion_id FROM conversion_transaction
            WHERE recipient_id = $1 AND type_key = $2 AND attribution_id = $3 AND transaction_id = $4
            """, key) ?? ""
    }

    func claimedConversionID(recipientID: String, transactionID: String) throws -> String? {
        try tx.value(String.self, """
            SELECT conversion_id FROM conversion_transaction WHERE recipient_id = $1 AND transaction_id = $2 ORDER BY seq DESC LIMIT 1
            """, [.text(recipientID), .text(transactionID)])
    }

    func hasReturn(eventID: String) throws -> Bool {
        try !tx.rows("SELECT 1 FROM delivery_return WHERE event_id = $1", [.text(eventID)]).isEmpty
    }

    func returnCapCounts(sourceID: String, startMs: Int64, endMs: Int64) throws -> (returns: Int, deliveries: Int) {
        // Two daemons counting the same source's month at once would both see room for one more.
        try tx.lock("return-cap:\(sourceID):\(startMs)")
        let returns = try tx.value(Int64.self, """
            SELECT count(*) FROM delivery_return WHERE source_id = $1 AND returned_at_ms >= $2 AND returned_at_ms < $3 AND retracted_at_ms = 0
            """, [.text(sourceID), .int(startMs), .int(endMs)]) ?? 0
        let deliveries = try tx.value(Int64.self, """
            SELECT count(*) FROM delivery WHERE source_id = $1 AND delivered_at_ms >= $2 AND delivered_at_ms < $3
            """, [.text(sourceID), .int(startMs), .int(endMs)]) ?? 0
        return (Int(clamping: returns), Int(clamping: deliveries))
    }

    func insertReturn(of d: Delivery, reason: String, returnedAtMs: Int64, occurredAtMs: Int64) throws -> Bool {
        try !tx.rows("""
            INSERT INTO delivery_return (event_id, recipient_id, source_id, reason, test, returned_at_ms, occurred_at_ms, event_seq)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 0) ON CONFLICT (event_id) DO NOTHING RETURNING 1
            """, [.text(d.eventID), .text(d.recipientID), .text(d.sourceID), .text(reason), .flag(d.test), .int(returnedAtMs),
                  .int(occurredAtMs)]).isEmpty
    }

    func setReturnEventSeq(eventID: String, seq: Int64) throws {
        try tx.run("UPDATE delivery_return SET event_seq = $1 WHERE event_id = $2", [.int(seq), .text(eventID)])
    }

    func appendEvent(_ draft: FeedbackEventDraft) throws -> Int64 {
        // A reader of the log must never pass a seq a transaction still holds uncommitted, or it
        // would skip that event when it commits. Writers hold this lock shared (so they never
        // wait for each other, and their commits still group), taken in the insert itself before
        // its seq is drawn (a savepoint rolled back would release a lock taken apart from it); a
        // reader takes it exclusively (`PostgresStorage.eventHorizon`), which waits for the
        // writers in flight to end. The notification goes out at commit, to every daemon's
        // `PostgresEventListener`.
        let e = EventRecord.Columns(draft)
        return try tx.value(Int64.self, """
            INSERT INTO feedback_event (received_at_ms, input, outcome, error_kind, detail, conversion_id, recipient_id, source_id,
              event_id, test, idempotency_key)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
            FROM (SELECT pg_advisory_xact_lock_shared(\(PostgresStorage.eventLogLock)), pg_notify('\(PostgresEventListener.channel)', '')) AS horizon
            RETURNING seq
            """, [.int(e.receivedAtMs), .text(try e.input()), .text(e.outcome), .text(e.errorKind), .text(e.detail), .text(e.conversionID),
                  .text(e.recipientID), .text(e.sourceID), .text(e.eventID), .flag(e.test), .text(e.idempotencyKey)]) ?? 0
    }

    func enqueue(_ f: PendingForward) throws {
        try tx.run("""
            INSERT INTO outbox (source_id, conversion_id, event_seq, order_key, state, attempts, max_attempts, last_status_code,
              last_error, next_attempt_at_ms, created_at_ms, sent_at_ms, idempotency_key, request, timeout_ms, success_body_contains)
            VALUES ($1, $2, $3, $4, 'PENDING', 0, $5, 0, '', $6, $6, 0, $7, $8, $9, $10)
            """, [.text(f.sourceID), .text(f.conversionID), .int(f.eventSeq), .text(f.orderKey), .int(f.maxAttempts), .int(f.createdAtMs),
                  .text(f.idempotencyKey), .text(try JSONColumn.encode(f.request)), .int(f.timeoutMs), .text(f.successBodyContains)])
        // Delivered at commit to every daemon's listener, which wakes its forwarding worker only
        // for this payload (an event's own notification wakes watchers alone).
        try tx.run("SELECT pg_notify('\(PostgresEventListener.channel)', '\(PostgresEventListener.forwardsPayload)')")
        forwards?.set()
    }
}
