import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Creates or updates a recipient (see `ConvdStorage.putRecipient`).
    public func putRecipient(_ recipient: Recipient, options: PutOptions, idempotency: IdempotencyClaim?) async throws(ConvdError) -> PutResult<Recipient> {
        let now = clock.nowMs()
        noteRules(of: recipient)  // before the write, so no feedback can slip past the precheck
        return try await idempotentWrite("Recipients/Put", idempotency, nowMs: now) { db in
            let stored = try self.recipientCache.value(recipient.id, in: db)
            try options.checkStamp(stored: stored?.updatedAtMs, noun: "recipient", id: recipient.id)
            var r = try stored.map { try $0.updated(with: recipient, options) } ?? recipient
            try RecipientValidator.validate(r)
            let stamps = try PutStamps(table: "recipient", id: r.id, nowMs: now, in: db)
            (r.createdAtMs, r.updatedAtMs, r.archivedAtMs) = (stamps.createdAtMs, stamps.updatedAtMs, stored?.archivedAtMs ?? 0)
            try RecipientRecord.upsert(r, in: db)
            return PutResult(value: r, created: stamps.created)
        }
    }

    /// The recipient `id`, archived or not.
    public func recipient(id: String) async throws(ConvdError) -> Recipient {
        let found = try await read("reading recipient") { db in
            try Row.fetchOne(db, sql: "SELECT \(RecipientRecord.columns) FROM recipient WHERE id = ?", arguments: [id])
                .map(RecipientRecord.recipient(from:))
        }
        guard let found else { throw .notFound("no recipient '\(id)'") }
        return found
    }

    /// A page of recipients ordered by ID.
    public func listRecipients(after: String?, limit: Int, includeArchived: Bool) async throws(ConvdError) -> [Recipient] {
        try await read("listing recipients") { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT \(RecipientRecord.columns) FROM recipient WHERE id > ? \(includeArchived ? "" : "AND archived_at_ms = 0")
                    ORDER BY id LIMIT ?
                    """,
                arguments: [after ?? "", limit]
            ).map(RecipientRecord.recipient(from:))
        }
    }

    /// Archives a recipient; its history stays.
    public func deleteRecipient(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeleteResult {
        try await deleteOwner(table: "recipient", column: "recipient_id", noun: "recipient", id: id, idempotency: idempotency)
    }

    /// Brings an archived recipient back.
    public func restoreRecipient(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Recipient {
        try await restoreOwner(table: "recipient", noun: "recipient", id: id, idempotency: idempotency) { db in
            try self.recipientCache.value(id, in: db)
        }
    }

    /// Creates or updates a source (see `ConvdStorage.putSource`).
    public func putSource(_ source: Source, options: PutOptions, idempotency: IdempotencyClaim?) async throws(ConvdError) -> PutResult<Source> {
        let now = clock.nowMs()
        return try await idempotentWrite("Sources/Put", idempotency, nowMs: now) { db in
            let stored = try self.sourceCache.value(source.id, in: db)
            try options.checkStamp(stored: stored?.updatedAtMs, noun: "source", id: source.id)
            var s = try (stored.map { try $0.updated(with: source, options) } ?? source).keepingMaskedHeaders(of: stored)
            try SourceValidator.validate(s)
            let stamps = try PutStamps(table: "source", id: s.id, nowMs: now, in: db)
            (s.createdAtMs, s.updatedAtMs, s.archivedAtMs) = (stamps.createdAtMs, stamps.updatedAtMs, stored?.archivedAtMs ?? 0)
            try SourceRecord.upsert(s, in: db)
            return PutResult(value: s, created: stamps.created)
        }
    }

    /// The source `id`, archived or not.
    public func source(id: String) async throws(ConvdError) -> Source {
        let found = try await read("reading source") { db in
            try Row.fetchOne(db, sql: "SELECT \(SourceRecord.columns) FROM source WHERE id = ?", arguments: [id])
                .map(SourceRecord.source(from:))
        }
        guard let found else { throw .notFound("no source '\(id)'") }
        return found
    }

    /// A page of sources ordered by ID.
    public func listSources(after: String?, limit: Int, includeArchived: Bool) async throws(ConvdError) -> [Source] {
        try await read("listing sources") { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT \(SourceRecord.columns) FROM source WHERE id > ? \(includeArchived ? "" : "AND archived_at_ms = 0")
                    ORDER BY id LIMIT ?
                    """,
                arguments: [after ?? "", limit]
            ).map(SourceRecord.source(from:))
        }
    }

    /// Archives a source; its history stays.
    public func deleteSource(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeleteResult {
        try await deleteOwner(table: "source", column: "source_id", noun: "source", id: id, idempotency: idempotency)
    }

    /// Brings an archived source back.
    public func restoreSource(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Source {
        try await restoreOwner(table: "source", noun: "source", id: id, idempotency: idempotency) { db in
            try self.sourceCache.value(id, in: db)
        }
    }

    /// Deletes a recipient or source with no history; archives one with deliveries or conversions,
    /// so nothing that counted money is ever erased by a configuration change.
    private func deleteOwner(table: String, column: String, noun: String, id: String,
                             idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeleteResult {
        let now = clock.nowMs()
        return try await idempotentWrite("\(table.capitalized)s/Delete", idempotency, nowMs: now) { db in
            let archivedAt = try ArchiveStamp.of(table: table, noun: noun, id: id, in: db)
            let hasHistory = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM delivery WHERE \(column) = ?) OR EXISTS (SELECT 1 FROM conversion WHERE \(column) = ?)
                """, arguments: [id, id]) ?? false
            guard hasHistory else {
                try db.execute(sql: "DELETE FROM \(table) WHERE id = ?", arguments: [id])
                return DeleteResult(archived: false)
            }
            if archivedAt == 0 {
                // A new updated_at_ms, so the settings caches see the change.
                try db.execute(sql: "UPDATE \(table) SET archived_at_ms = ?, updated_at_ms = max(?, updated_at_ms + 1) WHERE id = ?",
                               arguments: [now, now, id])
            }
            return DeleteResult(archived: true)
        }
    }

    private func restoreOwner<T: Sendable & Codable>(table: String, noun: String, id: String, idempotency: IdempotencyClaim?,
                                                     load: @escaping @Sendable (Database) throws -> T?) async throws(ConvdError) -> T {
        let now = clock.nowMs()
        return try await idempotentWrite("\(table.capitalized)s/Restore", idempotency, nowMs: now) { db in
            let archivedAt = try ArchiveStamp.of(table: table, noun: noun, id: id, in: db)
            guard archivedAt != 0 else { throw ConvdError.failedPrecondition("\(noun) '\(id)' is not archived") }
            try db.execute(sql: "UPDATE \(table) SET archived_at_ms = 0, updated_at_ms = max(?, updated_at_ms + 1) WHERE id = ?",
                           arguments: [now, id])
            guard let restored = try load(db) else { throw ConvdError.notFound("no \(noun) '\(id)'") }
            return restored
        }
    }
}
