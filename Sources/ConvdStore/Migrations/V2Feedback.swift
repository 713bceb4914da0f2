import GRDB

/// v2: conversions and their versions, returns, the feedback event log, and idempotent answers.
/// The semantics live in the schema: the mode key is a unique index (key_slot NULL for
/// CREATE_NEW, which SQLite never counts as a duplicate), one return per delivery is a primary
/// key, and an idempotency key is a primary key.
enum V2Feedback {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE conversion (
              seq INTEGER PRIMARY KEY,
              id TEXT NOT NULL UNIQUE,
              recipient_id TEXT NOT NULL,
              source_id TEXT NOT NULL,
              conversion_type TEXT NOT NULL,
              type_key TEXT NOT NULL,
              attribution_id TEXT NOT NULL,
              key_slot INTEGER,
              event_id TEXT NOT NULL,
              click_id TEXT NOT NULL,
              mode TEXT NOT NULL,
              status TEXT NOT NULL,
              reason TEXT NOT NULL,
              amount_minor INTEGER,
              currency TEXT,
              fields TEXT NOT NULL,
              transaction_id TEXT NOT NULL,
              version INTEGER NOT NULL,
              postback_count INTEGER NOT NULL,
              test INTEGER NOT NULL,
              created_at_ms INTEGER NOT NULL,
              updated_at_ms INTEGER NOT NULL,
              occurred_at_ms INTEGER NOT NULL
            ) STRICT;
            CREATE UNIQUE INDEX conversion_mode_key ON conversion(recipient_id, type_key, attribution_id, key_slot);
            CREATE INDEX conversion_by_event ON conversion(event_id);
            CREATE INDEX conversion_by_click ON conversion(click_id);
            CREATE INDEX conversion_by_created ON conversion(created_at_ms);

            CREATE TABLE conversion_version (
              conversion_id TEXT NOT NULL REFERENCES conversion(id),
              version INTEGER NOT NULL,
              status TEXT NOT NULL,
              reason TEXT NOT NULL,
              amount_minor INTEGER,
              currency TEXT,
              fields TEXT NOT NULL,
              transaction_id TEXT NOT NULL,
              postback_count INTEGER NOT NULL,
              occurred_at_ms INTEGER NOT NULL,
              recorded_at_ms INTEGER NOT NULL,
              cause TEXT NOT NULL,
              actor TEXT NOT NULL,
              event_seq INTEGER NOT NULL,
              PRIMARY KEY (conversion_id, version)
            ) STRICT;

            CREATE TABLE delivery_return (
              event_id TEXT PRIMARY KEY NOT NULL,
              recipient_id TEXT NOT NULL,
              source_id TEXT NOT NULL,
              reason TEXT NOT NULL,
              test INTEGER NOT NULL,
              returned_at_ms INTEGER NOT NULL,
              occurred_at_ms INTEGER NOT NULL,
              event_seq INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX return_by_source_time ON delivery_return(source_id, returned_at_ms);

            CREATE TABLE feedback_event (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              received_at_ms INTEGER NOT NULL,
              input TEXT NOT NULL,
              outcome TEXT NOT NULL,
              error_kind TEXT,
              detail TEXT NOT NULL,
              conversion_id TEXT NOT NULL,
              recipient_id TEXT NOT NULL,
              source_id TEXT NOT NULL,
              event_id TEXT NOT NULL,
              test INTEGER NOT NULL,
              idempotency_key TEXT NOT NULL
            ) STRICT;
            CREATE INDEX event_by_recipient ON feedback_event(recipient_id, seq);
            CREATE INDEX event_by_outcome ON feedback_event(outcome, seq);

            CREATE TABLE idempotency (
              method TEXT NOT NULL,
              key TEXT NOT NULL,
              answer TEXT NOT NULL,
              created_at_ms INTEGER NOT NULL,
              PRIMARY KEY (method, key)
            ) STRICT;
            """)
    }
}
