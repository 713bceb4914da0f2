import ConvdCore
import GRDB

/// A delivery's cost history, `delivery_cost_version`: one row per value its cost has had.
enum CostRecord {
    /// Appends the next version of `eventID`'s cost. - Returns: its version number.
    @discardableResult
    static func append(eventID: String, cost: Money?, reason: String, actor: String, atMs: Int64, in db: Database) throws -> Int {
        let version = (try db.value(Int.self, "SELECT max(version) FROM delivery_cost_version WHERE event_id = ?", arguments: [eventID]) ?? 0) + 1
        try db.run("""
            INSERT INTO delivery_cost_version (event_id, version, cost_minor, cost_currency, reason, actor, at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [eventID, version, cost?.amountMinor, cost?.currency, reason, actor, atMs])
        return version
    }

    /// Every version of `eventID`'s cost, oldest first.
    static func history(eventID: String, in db: Database) throws -> [CostVersion] {
        try Row.fetchAll(db, sql: "SELECT * FROM delivery_cost_version WHERE event_id = ? ORDER BY version", arguments: [eventID]).map { r in
            return CostVersion(version: r["version"], cost: Money(storedMinor: r["cost_minor"], currency: r["cost_currency"]), reason: r["reason"], actor: r["actor"], atMs: r["at_ms"])
        }
    }
}
