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
        let existing = try db.row("SELECT created_at_ms, updated_at_ms FROM \(table) WHERE id = ?", arguments: [id])
        createdAtMs = try existing?.value("created_at_ms") ?? nowMs
        updatedAtMs = max(nowMs, (try existing?.value("updated_at_ms") as Int64? ?? 0) + 1)
        created = existing == nil
    }
}
