import ConvdCore
import GRDB

extension SQLiteStorage {
    public func putRecipient(_ recipient: Recipient) async throws(ConvdError) -> (Recipient, created: Bool) {
        let now = clock.nowMs()
        return try await writer.write { db in
            var r = recipient
            let existing = try Row.fetchOne(db, sql: "SELECT created_at_ms, updated_at_ms FROM recipient WHERE id = ?", arguments: [r.id])
            r.createdAtMs = existing?["created_at_ms"] ?? now
            // Strictly later than the last Put, even within one millisecond: caches key on it.
            r.updatedAtMs = max(now, (existing?["updated_at_ms"] as Int64? ?? 0) + 1)
            try RecipientRecord.upsert(r, in: db)
            return (r, existing == nil)
        }
    }

    public func recipient(id: String) async throws(ConvdError) -> Recipient {
        let found = try await read("reading recipient") { db in
            try Row.fetchOne(db, sql: "SELECT \(RecipientRecord.columns) FROM recipient WHERE id = ?", arguments: [id])
                .map(RecipientRecord.recipient(from:))
        }
        guard let found else { throw .notFound("no recipient '\(id)'") }
        return found
    }

    public func listRecipients(after: String?, limit: Int) async throws(ConvdError) -> [Recipient] {
        try await read("listing recipients") { db in
            try Row.fetchAll(
                db, sql: "SELECT \(RecipientRecord.columns) FROM recipient WHERE id > ? ORDER BY id LIMIT ?",
                arguments: [after ?? "", limit]
            ).map(RecipientRecord.recipient(from:))
        }
    }

    public func deleteRecipient(id: String, force: Bool) async throws(ConvdError) -> UInt64 {
        try await deleteOwner(table: "recipient", column: "recipient_id", noun: "recipient", id: id, force: force)
    }

    public func putSource(_ source: Source) async throws(ConvdError) -> (Source, created: Bool) {
        let now = clock.nowMs()
        return try await writer.write { db in
            var s = source
            let existing = try Row.fetchOne(db, sql: "SELECT created_at_ms, updated_at_ms FROM source WHERE id = ?", arguments: [s.id])
            s.createdAtMs = existing?["created_at_ms"] ?? now
            s.updatedAtMs = max(now, (existing?["updated_at_ms"] as Int64? ?? 0) + 1)  // caches key on it
            try SourceRecord.upsert(s, in: db)
            return (s, existing == nil)
        }
    }

    public func source(id: String) async throws(ConvdError) -> Source {
        let found = try await read("reading source") { db in
            try Row.fetchOne(db, sql: "SELECT \(SourceRecord.columns) FROM source WHERE id = ?", arguments: [id])
                .map(SourceRecord.source(from:))
        }
        guard let found else { throw .notFound("no source '\(id)'") }
        return found
    }

    public func listSources(after: String?, limit: Int) async throws(ConvdError) -> [Source] {
        try await read("listing sources") { db in
            try Row.fetchAll(
                db, sql: "SELECT \(SourceRecord.columns) FROM source WHERE id > ? ORDER BY id LIMIT ?",
                arguments: [after ?? "", limit]
            ).map(SourceRecord.source(from:))
        }
    }

    public func deleteSource(id: String, force: Bool) async throws(ConvdError) -> UInt64 {
        try await deleteOwner(table: "source", column: "source_id", noun: "source", id: id, force: force)
    }

    /// Deletes a recipient or source; its deliveries block that unless `force`, which deletes them too.
    private func deleteOwner(table: String, column: String, noun: String, id: String, force: Bool) async throws(ConvdError) -> UInt64 {
        try await writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) != nil else {
                throw ConvdError.notFound("no \(noun) '\(id)'")
            }
            let deliveries = try Int.fetchOne(db, sql: "SELECT count(*) FROM delivery WHERE \(column) = ?", arguments: [id]) ?? 0
            if deliveries > 0 && !force {
                throw ConvdError.failedPrecondition(
                    "\(noun) '\(id)' has \(deliveries) deliveries; delete with force to remove them too")
            }
            try db.execute(sql: "DELETE FROM delivery WHERE \(column) = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM \(table) WHERE id = ?", arguments: [id])
            return UInt64(deliveries)
        }
    }
}
