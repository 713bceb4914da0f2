import ConvdCore
import GRDB
import Synchronization

/// The timestamps a Put writes. `updatedAtMs` is strictly later than the last Put's, even within
/// one millisecond, because `StampedCache` trusts a matching stamp to mean an unchanged row.
struct PutStamps {
    var createdAtMs: Int64
    var updatedAtMs: Int64
    var created: Bool

    /// Reads the row `id` of `table` in this transaction and stamps the Put made at `nowMs`.
    init(table: String, id: String, nowMs: Int64, in db: Database) throws {
        let existing = try db.first("SELECT created_at_ms, updated_at_ms FROM \(table) WHERE id = ?", id) { row in
            (created: try row.value("created_at_ms") as Int64, updated: try row.value("updated_at_ms") as Int64)
        }
        createdAtMs = existing?.created ?? nowMs
        updatedAtMs = max(nowMs, (existing?.updated ?? 0) + 1)
        created = existing == nil
    }
}
