import ConvdCore

extension PostgresStorage {
    /// Creates or updates a recipient (see `ConvdStorage.putRecipient`).
    public func putRecipient(_ recipient: Recipient, options: PutOptions, idempotency: IdempotencyClaim?) async throws(ConvdError) -> PutResult<Recipient> {
        let now = clock.nowMs()
        return try await idempotentWrite("Recipients/Put", idempotency, nowMs: now) { tx in
            let stored = try PostgresFeedbackStore(tx: tx).recipient(id: recipient.id)
            try options.checkStamp(stored: stored?.updatedAtMs, noun: "recipient", id: recipient.id)
            var r = try stored.map { try $0.updated(with: recipient, options) } ?? recipient
            try RecipientValidator.validate(r)
            let stamps = Self.stamps(stored: stored.map { ($0.createdAtMs, $0.updatedAtMs) }, nowMs: now)
            (r.createdAtMs, r.updatedAtMs, r.archivedAtMs) = (stamps.createdAtMs, stamps.updatedAtMs, stored?.archivedAtMs ?? 0)
            try tx.run("""
                INSERT INTO recipient (\(RecipientRecord.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, settings = excluded.settings, labels = excluded.labels,
                  updated_at_ms = excluded.updated_at_ms, archived_at_ms = excluded.archived_at_ms
                """, [.text(r.id), .text(r.name), .text(try JSONColumn.encode(r.feedback)), .text(try JSONColumn.encode(r.labels)),
                      .int(r.createdAtMs), .int(r.updatedAtMs), .int(r.archivedAtMs)])
            return PutResult(value: r, created: stamps.created)
        }
    }

    /// The recipient `id`, archived or not.
    public func recipient(id: String) async throws(ConvdError) -> Recipient {
        guard let found = try await transaction("reading recipient", { tx in try PostgresFeedbackStore(tx: tx).recipient(id: id) }) else {
            throw .notFound("no recipient '\(id)'")
        }
        return found
    }

    /// A page of recipients ordered by ID.
    public func listRecipients(after: String?, limit: Int, includeArchived: Bool) async throws(ConvdError) -> [Recipient] {
        try await transaction("listing recipients") { tx in
            try tx.rows("""
                SELECT \(RecipientRecord.columns) FROM recipient WHERE id > $1 \(includeArchived ? "" : "AND archived_at_ms = 0")
                ORDER BY id LIMIT $2
                """, [.text(after ?? ""), .int(limit)]).map(RecipientRecord.recipient(from:))
        }
    }

    /// Deletes a recipient with no history; archives one with history.
    public func deleteRecipient(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeleteResult {
        try await deleteOwner(table: "recipient", column: "recipient_id", noun: "recipient", id: id, idempotency: idempotency)
    }

    /// Brings an archived recipient back.
    public func restoreRecipient(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Recipient {
        try await restoreOwner(table: "recipient", noun: "recipient", id: id, idempotency: idempotency) { tx in
            try PostgresFeedbackStore(tx: tx).recipient(id: id)
        }
    }

    /// Creates or updates a source (see `ConvdStorage.putSource`).
    public func putSource(_ source: Source, options: PutOptions, idempotency: IdempotencyClaim?) async throws(ConvdError) -> PutResult<Source> {
        let now = clock.nowMs()
        return try await idempotentWrite("Sources/Put", idempotency, nowMs: now) { tx in
            let stored = try PostgresFeedbackStore(tx: tx).source(id: source.id)
            try options.checkStamp(stored: stored?.updatedAtMs, noun: "source", id: source.id)
            var s = try (stored.map { try $0.updated(with: source, options) } ?? source).keepingMaskedHeaders(of: stored)
            try SourceValidator.validate(s)
            let stamps = Self.stamps(stored: stored.map { ($0.createdAtMs, $0.updatedAtMs) }, nowMs: now)
            (s.createdAtMs, s.updatedAtMs, s.archivedAtMs) = (stamps.createdAtMs, stamps.updatedAtMs, stored?.archivedAtMs ?? 0)
            try tx.run("""
                INSERT INTO source (\(SourceRecord.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, forwarding = excluded.forwarding, return_cap = excluded.return_cap,
                  labels = excluded.labels, updated_at_ms = excluded.updated_at_ms, archived_at_ms = excluded.archived_at_ms,
                  lead_cost = excluded.lead_cost
                """, [.text(s.id), .text(s.name), .text(try s.forwarding.map { try JSONColumn.encode($0) }),
                      .text(try s.returnCap.map { try JSONColumn.encode($0) }), .text(try JSONColumn.encode(s.labels)),
                      .int(s.createdAtMs), .int(s.updatedAtMs), .int(s.archivedAtMs), .text(try s.leadCost.map { try JSONColumn.encode($0) })])
            return PutResult(value: s, created: stamps.created)
        }
    }

    /// The source `id`, archived or not.
    public func source(id: String) async throws(ConvdError) -> Source {
        guard let found = try await transaction("reading source", { tx in try PostgresFeedbackStore(tx: tx).source(id: id) }) else {
            throw .notFound("no source '\(id)'")
        }
        return found
    }

    /// A page of sources ordered by ID.
    public func listSources(after: String?, limit: Int, includeArchived: Bool) async throws(ConvdError) -> [Source] {
        try await transaction("listing sources") { tx in
            try tx.rows("""
                SELECT \(SourceRecord.columns) FROM source WHERE id > $1 \(includeArchived ? "" : "AND archived_at_ms = 0")
                ORDER BY id LIMIT $2
                """, [.text(after ?? ""), .int(limit)]).map(SourceRecord.source(from:))
        }
    }

    /// Deletes a source with no history; archives one with history.
    public func deleteSource(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeleteResult {
        try await deleteOwner(table: "source", column: "source_id", noun: "source", id: id, idempotency: idempotency)
    }

    /// Brings an archived source back.
    public func restoreSource(id: String, idempotency: IdempotencyClaim?) async throws(ConvdError) -> Source {
        try await restoreOwner(table: "source", noun: "source", id: id, idempotency: idempotency) { tx in
            try PostgresFeedbackStore(tx: tx).source(id: id)
        }
    }

    /// A Put's stamps: `updatedAtMs` strictly after the stored one, so a cache keyed on it never
    /// mistakes a changed row for the one it holds (see `PutStamps`).
    static func stamps(stored: (createdAtMs: Int64, updatedAtMs: Int64)?, nowMs: Int64) -> (createdAtMs: Int64, updatedAtMs: Int64, created: Bool) {
        (stored?.createdAtMs ?? nowMs, max(nowMs, (stored?.updatedAtMs ?? 0) + 1), stored == nil)
    }

    private func deleteOwner(table: String, column: String, noun: String, id: String,
                             idempotency: IdempotencyClaim?) async throws(ConvdError) -> DeleteResult {
        let now = clock.nowMs()
        return try await idempotentWrite("\(table.capitalized)s/Delete", idempotency, nowMs: now) { tx in
            guard let archivedAt = try tx.value(Int64.self, "SELECT archived_at_ms FROM \(table) WHERE id = $1 FOR UPDATE", [.text(id)]) else {
                throw ConvdError.notFound("no \(noun) '\(id)'")
            }
            let hasHistory = try tx.value(Bool.self, """
                SELECT EXISTS (SELECT 1 FROM delivery WHERE \(column) = $1) OR EXISTS (SELECT 1 FROM conversion WHERE \(column) = $1)
                """, [.text(id)]) ?? false
            guard hasHistory else {
                try tx.run("DELETE FROM \(table) WHERE id = $1", [.text(id)])
                return DeleteResult(archived: false)
            }
            if archivedAt == 0 {
                try tx.run("UPDATE \(table) SET archived_at_ms = $1, updated_at_ms = greatest($1, updated_at_ms + 1) WHERE id = $2",
                           [.int(now), .text(id)])
            }
            return DeleteResult(archived: true)
        }
    }

    private func restoreOwner<T: Sendable & Codable>(table: String, noun: String, id: String, idempotency: IdempotencyClaim?,
                                                     load: @escaping @Sendable (PostgresTransaction) throws -> T?) async throws(ConvdError) -> T {
        let now = clock.nowMs()
        return try await idempotentWrite("\(table.capitalized)s/Restore", idempotency, nowMs: now) { tx in
            guard let archivedAt = try tx.value(Int64.self, "SELECT archived_at_ms FROM \(table) WHERE id = $1 FOR UPDATE", [.text(id)]) else {
                throw ConvdError.notFound("no \(noun) '\(id)'")
            }
            guard archivedAt != 0 else { throw ConvdError.failedPrecondition("\(noun) '\(id)' is not archived") }
            try tx.run("UPDATE \(table) SET archived_at_ms = 0, updated_at_ms = greatest($1, updated_at_ms + 1) WHERE id = $2",
                       [.int(now), .text(id)])
            guard let restored = try load(tx) else { throw ConvdError.notFound("no \(noun) '\(id)'") }
            return restored
        }
    }
}
