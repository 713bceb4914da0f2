import GRDB

/// v4: transaction IDs applied per conversion key. The primary key is the rule "the same purchase
/// never counts twice": inserting a taken (key, transaction ID) changes nothing, and that is how
/// a repeat is detected, so it holds across daemons sharing the database.
enum V4Transactions {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE conversion_transaction (
              recipient_id TEXT NOT NULL,
              type_key TEXT NOT NULL,
              attribution_id TEXT NOT NULL,
              transaction_id TEXT NOT NULL,
              conversion_id TEXT NOT NULL,
              recorded_at_ms INTEGER NOT NULL,
              PRIMARY KEY (recipient_id, type_key, attribution_id, transaction_id)
            ) STRICT;
            """)
    }
}
