import GRDB

/// v12: one B-tree for transaction IDs instead of two. `conversion_transaction`'s key leads with
/// the transaction ID, (recipient, transaction, type, attribution), so the lookup by transaction
/// (Adjust) is a prefix of the key and `transaction_by_id` goes.
///
/// Why: the old key led with the attribution (the lead), so every claim inserted at its lead's
/// place in the key and again at its transaction's place in the second index. With many leads
/// converting at once, each group commit dirtied a leaf per lead in the first: at a million
/// conversions about a third of the WAL frames a feedback batch wrote. Rowids are kept, so "the
/// latest claim" reads the same after the copy.
enum V12TransactionKey {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE conversion_transaction_v12 (
              recipient_id TEXT NOT NULL,
              type_key TEXT NOT NULL,
              attribution_id TEXT NOT NULL,
              transaction_id TEXT NOT NULL,
              conversion_id TEXT NOT NULL,
              recorded_at_ms INTEGER NOT NULL,
              PRIMARY KEY (recipient_id, transaction_id, type_key, attribution_id)
            ) STRICT;
            INSERT INTO conversion_transaction_v12 (rowid, recipient_id, type_key, attribution_id, transaction_id, conversion_id, recorded_at_ms)
              SELECT /* full pass */ rowid, recipient_id, type_key, attribution_id, transaction_id, conversion_id, recorded_at_ms
              FROM conversion_transaction ORDER BY rowid;
            DROP TABLE conversion_transaction;
            ALTER TABLE conversion_transaction_v12 RENAME TO conversion_transaction;
            """)
    }
}
