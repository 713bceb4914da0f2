import ConvdCore
import GRDB

/// Maps a `source` row to and from Core's `Source`.
enum SourceRecord {
    static let columns = "id, name, forwarding, return_cap, labels, created_at_ms, updated_at_ms, archived_at_ms, lead_cost"

    static func source(from row: some StoredRow) throws -> Source {
        let forwarding: String? = try row.value("forwarding")
        let cap: String? = try row.value("return_cap")
        var s = Source(
            id: try row.value("id"), name: try row.value("name"),
            forwarding: try forwarding.map { try JSONColumn.decode(ForwardingSettings.self, from: $0) },
            returnCap: try cap.map { try JSONColumn.decode(ReturnCap.self, from: $0) },
            labels: try JSONColumn.decodeMap(try row.value("labels")),
            createdAtMs: try row.value("created_at_ms"), updatedAtMs: try row.value("updated_at_ms"))
        s.archivedAtMs = try row.value("archived_at_ms")
        let leadCost: String? = try row.value("lead_cost")
        s.leadCost = try leadCost.map { try JSONColumn.decode(LeadCost.self, from: $0) }
        return s
    }

    static func upsert(_ s: Source, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO source (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, forwarding = excluded.forwarding,
                  return_cap = excluded.return_cap, labels = excluded.labels, updated_at_ms = excluded.updated_at_ms,
                  archived_at_ms = excluded.archived_at_ms, lead_cost = excluded.lead_cost
                """,
            arguments: [s.id, s.name, try s.forwarding.map { try JSONColumn.encode($0) },
                        try s.returnCap.map { try JSONColumn.encode($0) }, try JSONColumn.encode(s.labels),
                        s.createdAtMs, s.updatedAtMs, s.archivedAtMs, try s.leadCost.map { try JSONColumn.encode($0) }])
    }
}
