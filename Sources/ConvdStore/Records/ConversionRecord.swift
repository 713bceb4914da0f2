import ConvdCore
import GRDB

/// Maps `conversion` and `conversion_version` rows to and from Core's types.
enum ConversionRecord {
    static let columns = """
        seq, id, recipient_id, source_id, conversion_type, attribution_id, key_slot, event_id, click_id, mode, status, reason,
        amount_minor, currency, fields, transaction_id, version, postback_count, test, created_at_ms, updated_at_ms, occurred_at_ms,
        approved_minor, pending_minor, negative
        """

    static func money(_ row: Row) -> Money? {
        Money(storedMinor: row["amount_minor"], currency: row["currency"])
    }

    static func conversion(from row: Row) throws -> Conversion {
        var c = Conversion(
            id: row["id"], recipientID: row["recipient_id"], sourceID: row["source_id"], conversionType: row["conversion_type"],
            attributionID: row["attribution_id"], eventID: row["event_id"], clickID: row["click_id"],
            mode: try StoredEnum.decode(ConversionMode.self, row["mode"], "conversion \(row["id"] as String) mode"),
            status: try StoredEnum.decode(ConversionStatus.self, row["status"], "conversion \(row["id"] as String) status"),
            reason: row["reason"], amount: money(row), fields: try JSONColumn.decodeMap(row["fields"]),
            transactionID: row["transaction_id"], version: row["version"], postbackCount: row["postback_count"], test: row["test"],
            createdAtMs: row["created_at_ms"], updatedAtMs: row["updated_at_ms"], occurredAtMs: row["occurred_at_ms"])
        let currency: String? = row["currency"]
        c.approvedAmount = Money(storedMinor: row["approved_minor"], currency: currency)
        c.pendingAmount = Money(storedMinor: row["pending_minor"], currency: currency)
        c.negative = row["negative"]
        return c
    }

    /// The current conversion for a mode key (the highest key slot), with its slot.
    static func current(recipientID: String, type: String, attributionID: String, in db: Database) throws -> (Conversion, Int)? {
        guard let row = try db.row("""
            SELECT \(columns) FROM conversion
            WHERE recipient_id = ? AND type_key = ? AND attribution_id = ? AND key_slot IS NOT NULL
            ORDER BY key_slot DESC LIMIT 1
            """, arguments: [recipientID, type.lowercased(), attributionID])
        else { return nil }
        return (try conversion(from: row), row["key_slot"])
    }

    static func byID(_ id: String, in db: Database) throws -> Conversion? {
        try db.row("SELECT \(columns) FROM conversion WHERE id = ?", arguments: [id]).map(conversion(from:))
    }

    /// Inserts a new conversion. - Returns: false when its mode key is taken (a concurrent twin won).
    static func insert(_ c: Conversion, slot: Int?, in db: Database) throws -> Bool {
        try db.run("""
            INSERT INTO conversion (id, recipient_id, source_id, conversion_type, type_key, attribution_id, key_slot, event_id, click_id,
              mode, status, reason, amount_minor, currency, fields, transaction_id, version, postback_count, test, created_at_ms,
              updated_at_ms, occurred_at_ms, approved_minor, pending_minor, negative)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(recipient_id, type_key, attribution_id, key_slot) DO NOTHING
            """, arguments: [
                c.id, c.recipientID, c.sourceID, c.conversionType, c.conversionType.lowercased(), c.attributionID, slot, c.eventID,
                c.clickID, c.mode.rawValue, c.status.rawValue, c.reason, c.amount?.amountMinor, c.amount?.currency,
                try JSONColumn.encode(c.fields as [String: String]), c.transactionID, c.version, c.postbackCount, c.test, c.createdAtMs, c.updatedAtMs,
                c.occurredAtMs, c.approvedAmount?.amountMinor, c.pendingAmount?.amountMinor, c.negative,
            ])
        return db.changesCount == 1
    }

    /// Replaces the conversion's current state (UPDATE, adjustments), guarded by its version so a
    /// concurrent change is never overwritten. - Returns: false when the version moved meanwhile.
    static func replace(_ c: Conversion, previousVersion: Int, in db: Database) throws -> Bool {
        try db.run("""
            UPDATE conversion SET status = ?, reason = ?, amount_minor = ?, currency = ?, fields = ?, transaction_id = ?,
              version = ?, postback_count = ?, updated_at_ms = ?, occurred_at_ms = ?, approved_minor = ?, pending_minor = ?
            WHERE id = ? AND version = ?
            """, arguments: [
                c.status.rawValue, c.reason, c.amount?.amountMinor, c.amount?.currency, try JSONColumn.encode(c.fields as [String: String]),
                c.transactionID, c.version, c.postbackCount, c.updatedAtMs, c.occurredAtMs, c.approvedAmount?.amountMinor,
                c.pendingAmount?.amountMinor, c.id, previousVersion,
            ])
        return db.changesCount == 1
    }

    static func insertVersion(_ v: ConversionVersion, conversionID: String, in db: Database) throws {
        try db.run("""
            INSERT INTO conversion_version (conversion_id, version, status, reason, amount_minor, currency, fields, transaction_id,
              postback_count, occurred_at_ms, recorded_at_ms, cause, actor, event_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                conversionID, v.version, v.status.rawValue, v.reason, v.amount?.amountMinor, v.amount?.currency,
                try JSONColumn.encode(v.fields as [String: String]), v.transactionID, v.postbackCount, v.occurredAtMs, v.recordedAtMs,
                v.cause.rawValue, v.actor, v.eventSeq,
            ])
    }

    static func versions(of id: String, in db: Database) throws -> [ConversionVersion] {
        try Row.fetchAll(db, sql: "SELECT * FROM conversion_version WHERE conversion_id = ? ORDER BY version", arguments: [id]).map { row in
            var v = ConversionVersion(
                of: Conversion(id: id, recipientID: "", sourceID: "", conversionType: "", attributionID: "", eventID: "", clickID: "",
                               mode: .createNew, status: try StoredEnum.decode(ConversionStatus.self, row["status"], "conversion \(id) version \(row["version"] as Int) status"), reason: row["reason"],
                               amount: money(row), fields: try JSONColumn.decodeMap(row["fields"]),
                               transactionID: row["transaction_id"], version: row["version"], postbackCount: row["postback_count"],
                               test: false, createdAtMs: 0, updatedAtMs: 0, occurredAtMs: row["occurred_at_ms"]),
                cause: try StoredEnum.decode(FeedbackOutcome.self, row["cause"], "conversion \(id) version \(row["version"] as Int) cause"), actor: row["actor"], eventSeq: row["event_seq"],
                recordedAtMs: row["recorded_at_ms"])
            v.version = row["version"]
            return v
        }
    }
}
