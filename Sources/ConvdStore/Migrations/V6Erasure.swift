import GRDB

/// v6: GDPR erasure. `delivery.erased_at_ms` says when a lead's personal data was removed (its
/// `lead` is then `{}`); 0 means never. Nothing else changes shape: erasure rewrites values in
/// place, and retention deletes rows through indexes that already exist.
enum V6Erasure {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE delivery ADD COLUMN erased_at_ms INTEGER NOT NULL DEFAULT 0")
    }
}
