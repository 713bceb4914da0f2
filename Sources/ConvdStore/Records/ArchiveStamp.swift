import ConvdCore
import GRDB

/// Reads and explains the archive stamp of a recipient or source, for every write that must
/// refuse an archived one or find it first.
enum ArchiveStamp {
    /// The row's `archived_at_ms` (0 when live). - Throws: `notFound` naming it when there is no such row.
    static func of(table: String, noun: String, id: String, in db: Database) throws -> Int64 {
        guard let stamp = try Int64.fetchOne(db, sql: "SELECT archived_at_ms FROM \(table) WHERE id = ?", arguments: [id]) else {
            throw ConvdError.notFound("no \(noun) '\(id)'")
        }
        return stamp
    }
}
