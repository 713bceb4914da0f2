import ConvdCore
import GRDB

/// Maps `conversion_instalment` rows to and from Core's `Instalment`.
enum InstalmentRecord {
    /// Inserts `i` under `conversionID`. The primary key (conversion, number) makes a concurrent
    /// twin of the same postback fail rather than count twice.
    static func insert(_ i: Instalment, conversionID: String, recipientID: String, in db: Database) throws {
        try db.exec("""
            INSERT INTO conversion_instalment (conversion_id, number, recipient_id, transaction_id, amount_minor, currency, status,
              occurred_at_ms, recorded_at_ms, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, conversionID, i.number, recipientID, i.transactionID, i.amount?.amountMinor, i.amount?.currency,
            i.status.rawValue, i.occurredAtMs, i.recordedAtMs, i.version)
    }

    /// Writes an instalment's new amount, status and version (an adjustment).
    static func update(_ i: Instalment, conversionID: String, in db: Database) throws {
        try db.exec("""
            UPDATE conversion_instalment SET amount_minor = ?, currency = ?, status = ?, version = ?
            WHERE conversion_id = ? AND number = ?
            """, i.amount?.amountMinor, i.amount?.currency, i.status.rawValue, i.version, conversionID, i.number)
    }

    /// Every instalment of a conversion, oldest first.
    static func all(of conversionID: String, in db: Database) throws -> [Instalment] {
        try Row.fetchAll(db, sql: "SELECT * FROM conversion_instalment WHERE conversion_id = ? ORDER BY number",
                         arguments: [conversionID]).map { try instalment(from: $0, conversionID: conversionID) }
    }

    /// An instalment row of `conversionID`.
    static func instalment(from row: some StoredRow, conversionID: String) throws -> Instalment {
        Instalment(number: try row.value("number"), transactionID: try row.value("transaction_id"), amount: try ConversionRecord.money(row),
                   status: try StoredEnum.decode(ConversionStatus.self, try row.value("status"),
                                                 "conversion \(conversionID) instalment \(try row.value("number") as Int) status"),
                   occurredAtMs: try row.value("occurred_at_ms"), recordedAtMs: try row.value("recorded_at_ms"), version: try row.value("version"))
    }

    /// The newest instalment with `transactionID` among `recipientID`'s conversions.
    static func find(recipientID: String, transactionID: String, in db: Database) throws -> (conversionID: String, number: Int)? {
        try Row.fetchOne(db, sql: """
            SELECT conversion_id, number FROM conversion_instalment WHERE recipient_id = ? AND transaction_id = ?
            ORDER BY rowid DESC LIMIT 1
            """, arguments: [recipientID, transactionID]).map { ($0["conversion_id"], $0["number"]) }
    }
}
