import ConvdCore
import GRDB

extension SQLiteStorage {
    public func putRecipient(_ recipient: Recipient) async throws(ConvdError) -> (Recipient, created: Bool) {
        let now = clock.nowMs()
        noteRules(of: recipient)  // before the write, so no feedback can slip past the precheck
        let stored = try await writer.write { db in
            var r = recipient
            let stamps = try PutStamps(table: "recipient", id: r.id, nowMs: now, in: db)
            (r.createdAtMs, r.updatedAtMs) = (stamps.createdAtMs, stamps.updatedAtMs)
            try RecipientRecord.upsert(r, in: db)
            return (r, stamps.created)
        }
        return stored
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
            let stamps = try PutStamps(table: "source", id: s.id, nowMs: now, in: db)
            (s.createdAtMs, s.updatedAtMs) = (stamps.createdAtMs, stamps.updatedAtMs)
            try SourceRecord.upsert(s, in: db)
            return (s, stamps.created)
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
            return UInt64(clamping: deliveries)
        }
    }
}
