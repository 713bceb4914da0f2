import ConvdCore
import GRDB

/// Maps a `recipient` row to and from Core's `Recipient`.
enum RecipientRecord {
    static let columns = "id, name, settings, labels, created_at_ms, updated_at_ms, archived_at_ms"

    static func recipient(from row: some StoredRow) throws -> Recipient {
        var r = Recipient(
            id: try row.value("id"), name: try row.value("name"),
            feedback: try JSONColumn.decode(FeedbackSettings.self, from: try row.value("settings")),
            labels: try JSONColumn.decodeMap(try row.value("labels")),
            createdAtMs: try row.value("created_at_ms"), updatedAtMs: try row.value("updated_at_ms"))
        r.archivedAtMs = try row.value("archived_at_ms")
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
