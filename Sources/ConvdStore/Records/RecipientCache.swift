import ConvdCore
import GRDB
import Synchronization

/// Decoded recipients by id and `updated_at_ms`. Every Put moves `updated_at_ms` forward, so a
/// cached entry whose stamp still matches the row is current, even when several daemons share
/// the database: the stamp is read from the row in the same transaction.
final class RecipientCache: Sendable {
    private let entries = Mutex<[String: Recipient]>([:])

    /// The recipient `id` as of this transaction, decoding its settings only when they changed.
    func recipient(_ id: String, in db: Database) throws -> Recipient? {
        guard let stamp = try db.value(Int64.self, "SELECT updated_at_ms FROM recipient WHERE id = ?", arguments: [id]) else {
            entries.withLock { _ = $0.removeValue(forKey: id) }
            return nil
        }
        if let cached = entries.withLock({ $0[id] }), cached.updatedAtMs == stamp { return cached }
        guard let row = try db.row("SELECT \(RecipientRecord.columns) FROM recipient WHERE id = ?", arguments: [id]) else { return nil }
        let recipient = try RecipientRecord.recipient(from: row)
        entries.withLock { $0[id] = recipient }
        return recipient
    }
}
