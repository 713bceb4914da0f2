import ConvdCore
import GRDB

/// A delivery's cost history, `delivery_cost_version`: one row per value its cost has had.
enum CostRecord {
    /// Appends the next version of `eventID`'s cost. - Returns: its version number.
    @discardableResult
    static func append(eventID: String, cost: Money?, reason: String, actor: String, atMs: Int64, in db: Database) throws -> Int {
        let version = (try db.scalar(Int.self, "SELECT max(version) FROM delivery_cost_version WHERE event_id = ?", eventID) ?? 0) + 1
        try db.exec("""
            INSERT INTO delivery_cost_version (event_id, version, cost_minor, cost_currency, reason, actor, at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, eventID, version, cost?.amountMinor, cost?.currency, reason, actor, atMs)
        return version
    }

    /// The history query, `?` for the event ID.
    static let historySQL = "SELECT * FROM delivery_cost_version WHERE event_id = ? ORDER BY version"

    /// Every version of `eventID`'s cost, oldest first.
    static func history(eventID: String, in db: Database) throws -> [CostVersion] {
        try Row.fetchAll(db, sql: historySQL, arguments: [eventID]).map(version(from:))
    }

    /// A `delivery_cost_version` row, of either backend.
    static func version(from r: some StoredRow) throws -> CostVersion {
        CostVersion(version: try r.value("version"), cost: Money(storedMinor: try r.value("cost_minor"), currency: try r.value("cost_currency")),
                    reason: try r.value("reason"), actor: try r.value("actor"), atMs: try r.value("at_ms"))
    }
}
