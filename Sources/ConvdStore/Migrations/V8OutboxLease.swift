import GRDB

/// v8: outbox leases. Before a forward is sent, its sender claims it for a while (`lease_owner`,
/// `lease_until_ms`), so two daemons on one database never both send the same attempt; a sender
/// that dies loses the lease when it expires, and another sends the item again (the same
/// Idempotency-Key, so the receiver can tell).
enum V8OutboxLease {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE outbox ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
            ALTER TABLE outbox ADD COLUMN lease_until_ms INTEGER NOT NULL DEFAULT 0;
            """)
    }
}
