import ConvdCore

/// convd's PostgreSQL schema, as versioned migrations recorded in the database (`convd_schema`).
/// The same ideas as the SQLite schema: the mode key, event IDs, transaction IDs and idempotency
/// keys are unique constraints, so a race between daemons is decided by the database.
enum PostgresMigrations {
    /// (name, statements), oldest first; never edit one that shipped, add another.
    static let all: [(name: String, statements: [String])] = [
        ("v1-money-path", split("""
        CREATE TABLE recipient (
          id TEXT PRIMARY KEY, name TEXT NOT NULL, settings TEXT NOT NULL, labels TEXT NOT NULL,
          created_at_ms BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL, archived_at_ms BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE source (
          id TEXT PRIMARY KEY, name TEXT NOT NULL, forwarding TEXT, return_cap TEXT, labels TEXT NOT NULL,
          created_at_ms BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL, archived_at_ms BIGINT NOT NULL DEFAULT 0,
          lead_cost TEXT, close_epoch BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE delivery (
          event_id TEXT PRIMARY KEY, recipient_id TEXT NOT NULL, source_id TEXT NOT NULL, click_id TEXT NOT NULL,
          lead TEXT NOT NULL, test BIGINT NOT NULL, delivered_at_ms BIGINT NOT NULL, recorded_at_ms BIGINT NOT NULL,
          erased_at_ms BIGINT NOT NULL DEFAULT 0, cost_minor BIGINT, cost_currency TEXT);
        CREATE INDEX delivery_by_recipient_click_time ON delivery(recipient_id, click_id, delivered_at_ms, event_id);
        CREATE INDEX delivery_by_source_time ON delivery(source_id, delivered_at_ms);
        CREATE TABLE delivery_cost_version (
          event_id TEXT NOT NULL, version BIGINT NOT NULL, cost_minor BIGINT, cost_currency TEXT, reason TEXT NOT NULL,
          actor TEXT NOT NULL, at_ms BIGINT NOT NULL, PRIMARY KEY (event_id, version));
        CREATE TABLE conversion (
          seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, recipient_id TEXT NOT NULL, source_id TEXT NOT NULL,
          conversion_type TEXT NOT NULL, type_key TEXT NOT NULL, attribution_id TEXT NOT NULL, key_slot BIGINT,
          event_id TEXT NOT NULL, click_id TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,
          amount_minor BIGINT, currency TEXT, fields TEXT NOT NULL, transaction_id TEXT NOT NULL, version BIGINT NOT NULL,
          postback_count BIGINT NOT NULL, test BIGINT NOT NULL, created_at_ms BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL,
          occurred_at_ms BIGINT NOT NULL, approved_minor BIGINT, pending_minor BIGINT, negative BIGINT NOT NULL DEFAULT 0);
        CREATE UNIQUE INDEX conversion_mode_key ON conversion(recipient_id, type_key, attribution_id, key_slot);
        CREATE INDEX conversion_by_event ON conversion(event_id);
        CREATE INDEX conversion_by_recipient ON conversion(recipient_id, seq);
        CREATE INDEX conversion_by_source ON conversion(source_id, seq);
        CREATE INDEX conversion_by_recipient_transaction ON conversion(recipient_id, transaction_id);
        CREATE TABLE conversion_version (
          conversion_id TEXT NOT NULL, version BIGINT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, amount_minor BIGINT,
          currency TEXT, fields TEXT NOT NULL, transaction_id TEXT NOT NULL, postback_count BIGINT NOT NULL,
          occurred_at_ms BIGINT NOT NULL, recorded_at_ms BIGINT NOT NULL, cause TEXT NOT NULL, actor TEXT NOT NULL,
          event_seq BIGINT NOT NULL, PRIMARY KEY (conversion_id, version));
        CREATE TABLE conversion_instalment (
          seq BIGSERIAL UNIQUE, conversion_id TEXT NOT NULL, number BIGINT NOT NULL, recipient_id TEXT NOT NULL,
          transaction_id TEXT NOT NULL, amount_minor BIGINT, currency TEXT, status TEXT NOT NULL, occurred_at_ms BIGINT NOT NULL,
          recorded_at_ms BIGINT NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (conversion_id, number));
        CREATE INDEX instalment_by_transaction ON conversion_instalment(recipient_id, transaction_id, seq);
        CREATE TABLE conversion_transaction (
          seq BIGSERIAL UNIQUE, recipient_id TEXT NOT NULL, type_key TEXT NOT NULL, attribution_id TEXT NOT NULL,
          transaction_id TEXT NOT NULL, conversion_id TEXT NOT NULL, recorded_at_ms BIGINT NOT NULL,
          PRIMARY KEY (recipient_id, type_key, attribution_id, transaction_id));
        CREATE INDEX transaction_by_id ON conversion_transaction(recipient_id, transaction_id, seq);
        CREATE TABLE delivery_return (
          event_id TEXT PRIMARY KEY, recipient_id TEXT NOT NULL, source_id TEXT NOT NULL, reason TEXT NOT NULL, test BIGINT NOT NULL,
          returned_at_ms BIGINT NOT NULL, occurred_at_ms BIGINT NOT NULL, event_seq BIGINT NOT NULL,
          retracted_at_ms BIGINT NOT NULL DEFAULT 0, retract_reason TEXT NOT NULL DEFAULT '', retracted_by TEXT NOT NULL DEFAULT '');
        CREATE INDEX return_by_source_time ON delivery_return(source_id, returned_at_ms);
        CREATE TABLE feedback_event (
          seq BIGSERIAL PRIMARY KEY, received_at_ms BIGINT NOT NULL, input TEXT NOT NULL, outcome TEXT NOT NULL, error_kind TEXT,
          detail TEXT NOT NULL, conversion_id TEXT NOT NULL, recipient_id TEXT NOT NULL, source_id TEXT NOT NULL,
          event_id TEXT NOT NULL, test BIGINT NOT NULL, idempotency_key TEXT NOT NULL);
        CREATE INDEX event_by_recipient ON feedback_event(recipient_id, seq);
        CREATE INDEX event_by_outcome ON feedback_event(outcome, seq);
        CREATE TABLE outbox (
          id BIGSERIAL PRIMARY KEY, source_id TEXT NOT NULL, conversion_id TEXT NOT NULL, event_seq BIGINT NOT NULL,
          order_key TEXT NOT NULL, state TEXT NOT NULL, attempts BIGINT NOT NULL, max_attempts BIGINT NOT NULL,
          last_status_code BIGINT NOT NULL, last_error TEXT NOT NULL, next_attempt_at_ms BIGINT NOT NULL,
          created_at_ms BIGINT NOT NULL, sent_at_ms BIGINT NOT NULL, idempotency_key TEXT NOT NULL, request TEXT NOT NULL,
          timeout_ms BIGINT NOT NULL, success_body_contains TEXT NOT NULL, lease_owner TEXT NOT NULL DEFAULT '',
          lease_until_ms BIGINT NOT NULL DEFAULT 0);
        CREATE INDEX outbox_due ON outbox(state, next_attempt_at_ms);
        CREATE INDEX outbox_by_order ON outbox(order_key, id);
        CREATE INDEX outbox_by_source ON outbox(source_id, id);
        CREATE TABLE forward_attempt (
          outbox_id BIGINT NOT NULL, attempt BIGINT NOT NULL, at_ms BIGINT NOT NULL, status_code BIGINT NOT NULL,
          body_prefix TEXT NOT NULL, duration_ms BIGINT NOT NULL, error TEXT NOT NULL, PRIMARY KEY (outbox_id, attempt));
        CREATE TABLE idempotent_call (
          method TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, answer TEXT NOT NULL,
          created_at_ms BIGINT NOT NULL, PRIMARY KEY (method, scope, key));
        CREATE INDEX idempotent_call_by_age ON idempotent_call(created_at_ms);
        CREATE INDEX outbox_by_state ON outbox(state, id)
        """)),
        ("v2-statements", statements),
    ]

    /// v2: vendor statements, kept by PL/pgSQL triggers generated from the same contributions
    /// as SQLite's (`StatementBucketSQL`) as delta rows, summed by the `statement_bucket` view the
    /// reader shares with SQLite, and filled from the rows already there.
    static var statements: [String] {
        let counters = StatementBucketSQL.counters.map { "\($0) BIGINT NOT NULL DEFAULT 0" }.joined(separator: ", ")
        return [
            """
            CREATE TABLE statement_close (
              source_id TEXT NOT NULL REFERENCES source(id), month TEXT NOT NULL, time_zone TEXT NOT NULL, from_ms BIGINT NOT NULL,
              to_ms BIGINT NOT NULL, epoch BIGINT NOT NULL, closed_at_ms BIGINT NOT NULL, closed_by TEXT NOT NULL,
              PRIMARY KEY (source_id, month))
            """,
            """
            CREATE TABLE statement_delta (
              source_id TEXT NOT NULL, bucket_ms BIGINT NOT NULL, epoch BIGINT NOT NULL, section TEXT NOT NULL, label TEXT NOT NULL,
              currency TEXT NOT NULL, \(counters))
            """,
            "CREATE INDEX statement_delta_by_source_time ON statement_delta(source_id, bucket_ms)",
            """
            CREATE VIEW statement_bucket AS SELECT \(StatementBucketSQL.keys.joined(separator: ", ")),
              \(StatementBucketSQL.counters.map { "CAST(sum(\($0)) AS BIGINT) AS \($0)" }.joined(separator: ", "))
            FROM statement_delta GROUP BY \(StatementBucketSQL.keys.joined(separator: ", "))
            """,
            "INSERT INTO statement_delta (\((StatementBucketSQL.keys + StatementBucketSQL.counters).joined(separator: ", "))) \(StatementBucketSQL.raw)",
        ] + StatementBucketSQL.triggerList(postgres: true).flatMap(\.postgres)
    }

    /// A script's statements: the extended protocol takes one per query.
    static func split(_ script: String) -> [String] {
        script.components(separatedBy: ";\n").filter { !$0.allSatisfy(\.isWhitespace) }
    }

    /// Brings the database to the newest schema. An advisory lock makes daemons starting together
    /// take turns; a database newer than this binary is refused.
    static func migrate(_ tx: PostgresTransaction, schema: String?, nowMs: Int64) throws {
        // Per schema: deployments in other schemas of the database migrate without waiting.
        try tx.lock("convd-migrate:\(schema ?? "public")")
        if let schema { try tx.run("CREATE SCHEMA IF NOT EXISTS \(schema)") }
        try tx.run("CREATE TABLE IF NOT EXISTS convd_schema (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL)")
        let done = try tx.value(Int64.self, "SELECT coalesce(max(version), 0) FROM convd_schema") ?? 0
        guard done <= Int64(clamping: all.count) else {
            throw ConvdError.failedPrecondition(
                "the PostgreSQL database is at schema \(done) but this convd knows \(all.count); a newer convd migrated it: run that version")
        }
        for (index, migration) in all.enumerated() where Int64(clamping: index + 1) > done {
            for statement in migration.statements { try tx.run(statement) }
            try tx.run("INSERT INTO convd_schema (version, name, applied_at_ms) VALUES ($1, $2, $3)",
                       [.int(index + 1), .text(migration.name), .int(nowMs)])
        }
    }
}
