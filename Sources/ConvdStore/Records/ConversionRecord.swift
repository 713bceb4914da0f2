import ConvdCore
import GRDB

/// Maps `conversion` and `conversion_version` rows to and from Core's types.
enum ConversionRecord {
    static let columns = """
        seq, id, recipient_id, source_id, conversion_type, attribution_id, key_slot, event_id, click_id, mode, status, reason,
        amount_minor, currency, fields, transaction_id, version, postback_count, test, created_at_ms, updated_at_ms, occurred_at_ms,
        approved_minor, pending_minor, negative
        """

    static func money(_ row: some StoredRow) throws -> Money? {
        Money(storedMinor: try row.value("amount_minor"), currency: try row.value("currency"))
    }

    static func conversion(from row: some StoredRow) throws -> Conversion {
        var c = Conversion(
            id: try row.value("id"), recipientID: try row.value("recipient_id"), sourceID: try row.value("source_id"), conversionType: try row.value("conversion_type"),
            attributionID: try row.value("attribution_id"), eventID: try row.value("event_id"), clickID: try row.value("click_id"),
            mode: try StoredEnum.decode(ConversionMode.self, try row.value("mode"), "conversion \(try row.value("id") as String) mode"),
            status: try StoredEnum.decode(ConversionStatus.self, try row.value("status"), "conversion \(try row.value("id") as String) status"),
            reason: try row.value("reason"), amount: try money(row), fields: try JSONColumn.decodeMap(try row.value("fields")),
            transactionID: try row.value("transaction_id"), version: try row.value("version"), postbackCount: try row.value("postback_count"), test: try row.value("test"),
            createdAtMs: try row.value("created_at_ms"), updatedAtMs: try row.value("updated_at_ms"), occurredAtMs: try row.value("occurred_at_ms"))
        let currency: String? = try row.value("currency")
        c.approvedAmount = Money(storedMinor: try row.value("approved_minor"), currency: currency)
        c.pendingAmount = Money(storedMinor: try row.value("pending_minor"), currency: currency)
        c.negative = try row.value("negative")
        return c
    }

    /// The current conversion for a mode key (the highest key slot), with its slot.
    static func current(recipientID: String, type: String, attributionID: String, in db: Database) throws -> (Conversion, Int)? {
        try db.first("""
            SELECT \(columns) FROM conversion
            WHERE recipient_id = ? AND type_key = ? AND attribution_id = ? AND key_slot IS NOT NULL
            ORDER BY key_slot DESC LIMIT 1
            """, recipientID, type.lowercased(), attributionID) { row in (try conversion(from: row), try row.value("key_slot")) }
    }

    static func byID(_ id: String, in db: Database) throws -> Conversion? {
        try db.first("SELECT \(columns) FROM conversion WHERE id = ?", id, as: conversion(from:))
    }

    /// Inserts a new conversion. - Returns: false when its mode key is taken (a concurrent twin won).
    static func insert(_ c: Conversion, slot: Int?, in db: Database) throws -> Bool {
        // claimed_transaction_id (v14) is read from the claim itself, made earlier in this
        // transaction, rather than passed in: it is set only when a claim of exactly this
        // conversion and ID exists, which is what lets the transaction index leave the row out.
        // Most conversions carry no ID and can have no claim: the CASE spares them the probe.
        let typeKey = c.conversionType.lowercased()
        try db.exec("""
            INSERT INTO conversion (id, recipient_id, source_id, conversion_type, type_key, attribution_id, key_slot, event_id, click_id,
              mode, status, reason, amount_minor, currency, fields, transaction_id, version, postback_count, test, created_at_ms,
              updated_at_ms, occurred_at_ms, approved_minor, pending_minor, negative, claimed_transaction_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE ? WHEN '' THEN '' ELSE coalesce((
              SELECT transaction_id FROM conversion_transaction
              WHERE recipient_id = ? AND transaction_id = ? AND type_key = ? AND attribution_id = ? AND conversion_id = ?), '') END)
            ON CONFLICT(recipient_id, type_key, attribution_id, key_slot) WHERE key_slot IS NOT NULL DO NOTHING
            """,
            c.id, c.recipientID, c.sourceID, c.conversionType, typeKey, c.attributionID, slot, c.eventID,
            c.clickID, c.mode.rawValue, c.status.rawValue, c.reason, c.amount?.amountMinor, c.amount?.currency,
            try JSONColumn.encode(c.fields as [String: String]), c.transactionID, c.version, c.postbackCount, c.test, c.createdAtMs, c.updatedAtMs,
            c.occurredAtMs, c.approvedAmount?.amountMinor, c.pendingAmount?.amountMinor, c.negative,
            c.transactionID, c.recipientID, c.transactionID, typeKey, c.attributionID, c.id)
        return db.changesCount == 1
    }

    /// Replaces the conversion's current state (UPDATE, adjustments), guarded by its version so a
    /// concurrent change is never overwritten. - Returns: false when the version moved meanwhile.
    static func replace(_ c: Conversion, previousVersion: Int, in db: Database) throws -> Bool {
        try db.exec("""
            UPDATE conversion SET status = ?, reason = ?, amount_minor = ?, currency = ?, fields = ?, transaction_id = ?,
              version = ?, postback_count = ?, updated_at_ms = ?, occurred_at_ms = ?, approved_minor = ?, pending_minor = ?
            WHERE id = ? AND version = ?
            """,
            c.status.rawValue, c.reason, c.amount?.amountMinor, c.amount?.currency, try JSONColumn.encode(c.fields as [String: String]),
            c.transactionID, c.version, c.postbackCount, c.updatedAtMs, c.occurredAtMs, c.approvedAmount?.amountMinor,
            c.pendingAmount?.amountMinor, c.id, previousVersion)
        return db.changesCount == 1
    }

    static func insertVersion(_ v: ConversionVersion, conversionID: String, in db: Database) throws {
        try db.exec("""
            INSERT INTO conversion_version (conversion_id, version, status, reason, amount_minor, currency, fields, transaction_id,
              postback_count, occurred_at_ms, recorded_at_ms, cause, actor, event_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            conversionID, v.version, v.status.rawValue, v.reason, v.amount?.amountMinor, v.amount?.currency,
            try JSONColumn.encode(v.fields as [String: String]), v.transactionID, v.postbackCount, v.occurredAtMs, v.recordedAtMs,
            v.cause.rawValue, v.actor, v.eventSeq)
    }

    static func versions(of id: String, in db: Database) throws -> [ConversionVersion] {
        try Row.fetchAll(db, sql: "SELECT * FROM conversion_version WHERE conversion_id = ? ORDER BY version", arguments: [id])
            .map { try version(from: $0, conversionID: id) }
    }

    /// A `conversion_version` row of conversion `id`.
    static func version(from row: some StoredRow, conversionID id: String) throws -> ConversionVersion {
        var v = ConversionVersion(
            of: Conversion(id: id, recipientID: "", sourceID: "", conversionType: "", attributionID: "", eventID: "", clickID: "",
                           mode: .createNew, status: try StoredEnum.decode(ConversionStatus.self, try row.value("status"), "conversion \(id) version \(try row.value("version") as Int) status"), reason: try row.value("reason"),
                           amount: try money(row), fields: try JSONColumn.decodeMap(try row.value("fields")),
                           transactionID: try row.value("transaction_id"), version: try row.value("version"), postbackCount: try row.value("postback_count"),
                           test: false, createdAtMs: 0, updatedAtMs: 0, occurredAtMs: try row.value("occurred_at_ms")),
            cause: try StoredEnum.decode(FeedbackOutcome.self, try row.value("cause"), "conversion \(id) version \(try row.value("version") as Int) cause"), actor: try row.value("actor"), eventSeq: try row.value("event_seq"),
            recordedAtMs: try row.value("recorded_at_ms"))
        v.version = try row.value("version")
        return v
    }
}
