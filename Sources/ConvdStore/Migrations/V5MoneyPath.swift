import GRDB

/// v5: the money-path rules of issue 10.
/// - INCREMENT instalments: each postback is a row under its conversion; the conversion keeps
///   approved and pending totals (summed by stats). An existing INCREMENT conversion's sum becomes
///   its one instalment, numbered by its postback count and with the latest transaction ID, so the
///   next postback numbers on (earlier IDs still find the conversion
///   through `conversion_transaction`).
/// - Negative types: `conversion.negative`, set for FakeLead rows.
/// - Idempotency keys scoped by method and caller, with a request fingerprint; keys stored
///   before v5 keep matching any caller and any request until they expire.
/// - Archived recipients and sources.
/// - Indexes so that no list or lookup scans (see QueryPlanTests): conversions by recipient and
///   by source (rowid order within), transaction IDs by recipient, events by time, outbox by
///   state, deliveries by click newest first.
enum V5MoneyPath {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE conversion ADD COLUMN approved_minor INTEGER;
            ALTER TABLE conversion ADD COLUMN pending_minor INTEGER;
            ALTER TABLE conversion ADD COLUMN negative INTEGER NOT NULL DEFAULT 0;
            UPDATE conversion SET
              approved_minor = CASE status WHEN 'APPROVED' THEN amount_minor END,
              pending_minor = CASE status WHEN 'PENDING' THEN amount_minor END,
              negative = (type_key = 'fakelead');
            CREATE INDEX conversion_by_recipient_transaction ON conversion(recipient_id, transaction_id);
            CREATE INDEX conversion_by_recipient ON conversion(recipient_id);
            CREATE INDEX conversion_by_source ON conversion(source_id);
            CREATE INDEX transaction_by_id ON conversion_transaction(recipient_id, transaction_id);
            CREATE INDEX event_by_time ON feedback_event(received_at_ms);
            CREATE INDEX outbox_by_state ON outbox(state, id);
            DROP INDEX delivery_by_recipient_click;
            CREATE INDEX delivery_by_recipient_click_time ON delivery(recipient_id, click_id, delivered_at_ms, event_id);

            CREATE TABLE conversion_instalment (
              conversion_id TEXT NOT NULL REFERENCES conversion(id),
              number INTEGER NOT NULL,
              recipient_id TEXT NOT NULL,
              transaction_id TEXT NOT NULL,
              amount_minor INTEGER,
              currency TEXT,
              status TEXT NOT NULL,
              occurred_at_ms INTEGER NOT NULL,
              recorded_at_ms INTEGER NOT NULL,
              version INTEGER NOT NULL,
              PRIMARY KEY (conversion_id, number)
            ) STRICT;
            CREATE INDEX instalment_by_transaction ON conversion_instalment(recipient_id, transaction_id);
            INSERT INTO conversion_instalment (conversion_id, number, recipient_id, transaction_id, amount_minor, currency, status,
              occurred_at_ms, recorded_at_ms, version)
            SELECT id, postback_count, recipient_id, transaction_id, amount_minor, currency, status, occurred_at_ms, updated_at_ms, version
            FROM conversion WHERE mode = 'INCREMENT';

            CREATE TABLE idempotent_call (
              method TEXT NOT NULL,
              scope TEXT NOT NULL,
              key TEXT NOT NULL,
              fingerprint TEXT NOT NULL,
              answer TEXT NOT NULL,
              created_at_ms INTEGER NOT NULL,
              PRIMARY KEY (method, scope, key)
            ) STRICT;
            CREATE INDEX idempotent_call_by_age ON idempotent_call(created_at_ms);
            INSERT INTO idempotent_call (method, scope, key, fingerprint, answer, created_at_ms)
            SELECT method, '*', key, '', answer, created_at_ms FROM idempotency;
            DROP TABLE idempotency;

            ALTER TABLE recipient ADD COLUMN archived_at_ms INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE source ADD COLUMN archived_at_ms INTEGER NOT NULL DEFAULT 0;
            """)
    }
}
