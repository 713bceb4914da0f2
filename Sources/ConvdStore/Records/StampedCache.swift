import ConvdCore
import GRDB
import Synchronization

/// Decoded rows (recipients, sources) by id and `updated_at_ms`. Every Put moves `updated_at_ms`
/// forward, so a cached entry whose stamp still matches the row is current, even when several
/// daemons share the database: the stamp is read from the row in the same transaction.
final class StampedCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: (stamp: Int64, value: Value)]>([:])
    private let table: String
    private let columns: String
    private let decode: @Sendable (SteppedRow) throws -> Value

    init(table: String, columns: String, decode: @escaping @Sendable (SteppedRow) throws -> Value) {
        self.table = table
        self.columns = columns
        self.decode = decode
    }

    /// The row `id` as of this transaction, decoding it only when it changed.
    func value(_ id: String, in db: Database) throws -> Value? {
        guard let stamp = try db.scalar(Int64.self, "SELECT updated_at_ms FROM \(table) WHERE id = ?", id) else {
            entries.withLock { _ = $0.removeValue(forKey: id) }
            return nil
        }
        if let cached = entries.withLock({ $0[id] }), cached.stamp == stamp { return cached.value }
        guard let (value, rowStamp) = try db.first("SELECT \(columns), updated_at_ms AS stamp FROM \(table) WHERE id = ?", id,
                                                     as: { row in (try decode(row), try row.value("stamp") as Int64) })
        else { return nil }
        entries.withLock { $0[id] = (rowStamp, value) }
        return value
    }
}
