import GRDB

/// v3: the forwarding outbox, written in the same transaction as the feedback it forwards, and
/// the log of every attempt.
enum V3Outbox {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE outbox (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              source_id TEXT NOT NULL,
              conversion_id TEXT NOT NULL,
              event_seq INTEGER NOT NULL,
              order_key TEXT NOT NULL,
              state TEXT NOT NULL,
              attempts INTEGER NOT NULL,
              max_attempts INTEGER NOT NULL,
              last_status_code INTEGER NOT NULL,
              last_error TEXT NOT NULL,
              next_attempt_at_ms INTEGER NOT NULL,
              created_at_ms INTEGER NOT NULL,
              sent_at_ms INTEGER NOT NULL,
              idempotency_key TEXT NOT NULL UNIQUE,
              request TEXT NOT NULL,
              timeout_ms INTEGER NOT NULL,
              success_body_contains TEXT NOT NULL
            ) STRICT;
            CREATE INDEX outbox_due ON outbox(state, next_attempt_at_ms);
            CREATE INDEX outbox_by_order ON outbox(order_key, id);
            CREATE INDEX outbox_by_source ON outbox(source_id, id);

            CREATE TABLE forward_attempt (
              outbox_id INTEGER NOT NULL REFERENCES outbox(id),
              attempt INTEGER NOT NULL,
              at_ms INTEGER NOT NULL,
              status_code INTEGER NOT NULL,
              body_prefix TEXT NOT NULL,
              duration_ms INTEGER NOT NULL,
              error TEXT NOT NULL,
              PRIMARY KEY (outbox_id, attempt)
            ) STRICT;
            """)
    }
}
