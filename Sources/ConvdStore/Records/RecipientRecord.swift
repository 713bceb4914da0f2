import ConvdCore
import GRDB

/// Maps a `recipient` row to and from Core's `Recipient`.
enum RecipientRecord {
    static let columns = "id, name, settings, labels, created_at_ms, updated_at_ms, archived_at_ms"

    static func recipient(from row: Row) throws -> Recipient {
        var r = Recipient(
            id: row["id"], name: row["name"],
            feedback: try JSONColumn.decode(FeedbackSettings.self, from: row["settings"]),
            labels: try JSONColumn.decodeMap(row["labels"]),
            createdAtMs: row["created_at_ms"], updatedAtMs: row["updated_at_ms"])
        r.archivedAtMs = row["archived_at_ms"]
        return r
    }

    static func upsert(_ r: Recipient, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO recipient (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, settings = excluded.settings,
                  labels = excluded.labels, updated_at_ms = excluded.updated_at_ms, archived_at_ms = excluded.archived_at_ms
                """,
            arguments: [r.id, r.name, try JSONColumn.encode(r.feedback), try JSONColumn.encode(r.labels),
                        r.createdAtMs, r.updatedAtMs, r.archivedAtMs])
    }
}
