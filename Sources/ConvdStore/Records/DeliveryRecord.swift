import ConvdCore
import GRDB

/// Maps a `delivery` row to and from Core's `Delivery`.
enum DeliveryRecord {
    static let columns = "event_id, recipient_id, source_id, click_id, lead, test, delivered_at_ms, recorded_at_ms, erased_at_ms, cost_minor, cost_currency"

    static func delivery(from row: some StoredRow) throws -> Delivery {
        var d = Delivery(
            eventID: try row.value("event_id"), recipientID: try row.value("recipient_id"), sourceID: try row.value("source_id"), clickID: try row.value("click_id"),
            lead: try JSONColumn.decodeMap(try row.value("lead")), test: try row.value("test"),
            deliveredAtMs: try row.value("delivered_at_ms"), recordedAtMs: try row.value("recorded_at_ms"))
        d.erasedAtMs = try row.value("erased_at_ms")
        d.cost = Money(storedMinor: try row.value("cost_minor"), currency: try row.value("cost_currency"))
        return d
    }

    static func insert(_ d: Delivery, in db: Database) throws {
        try db.exec("INSERT INTO delivery (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    d.eventID, d.recipientID, d.sourceID, d.clickID, try JSONColumn.encode(d.lead), d.test,
                    d.deliveredAtMs, d.recordedAtMs, d.erasedAtMs, d.cost?.amountMinor, d.cost?.currency)
    }

    /// The delivery a feedback targets. By click ID, the latest delivery of that click to the recipient.
    static func find(_ target: FeedbackInput.Target, in db: Database) throws -> Delivery? {
        switch target {
        case .eventID(let id):
            return try db.first("SELECT \(columns) FROM delivery WHERE event_id = ?", id, as: delivery(from:))
        case .click(let click, let recipient):
            return try db.first("SELECT \(columns) FROM delivery WHERE recipient_id = ? AND click_id = ? ORDER BY delivered_at_ms DESC, event_id DESC LIMIT 1",
                                recipient, click, as: delivery(from:))
        }
    }
}
