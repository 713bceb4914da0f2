import GRDB

/// v10: monthly vendor statements. `statement_bucket` holds each source's lead, return and
/// conversion figures by 15-minute bucket of lead delivery and by the source's close count when
/// written (`source.close_epoch`), kept by triggers; `statement_close` records who closed which
/// month, in which zone, and the close count it left. Existing rows are summed in at count 0.
/// Deliveries are indexed by source, time and event ID for the statement's paged detail.
enum V10Statements {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE source ADD COLUMN close_epoch INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE statement_close (
              source_id TEXT NOT NULL REFERENCES source(id),
              month TEXT NOT NULL,
              time_zone TEXT NOT NULL,
              from_ms INTEGER NOT NULL,
              to_ms INTEGER NOT NULL,
              epoch INTEGER NOT NULL,
              closed_at_ms INTEGER NOT NULL,
              closed_by TEXT NOT NULL,
              PRIMARY KEY (source_id, month)
            ) STRICT;
            DROP INDEX delivery_by_source_time;
            CREATE INDEX delivery_by_source_time ON delivery(source_id, delivered_at_ms, event_id);
            \(StatementBucketSQL.createTable);
            INSERT INTO statement_bucket (\((StatementBucketSQL.keys + StatementBucketSQL.counters).joined(separator: ", "))) \(StatementBucketSQL.raw);
            \(StatementBucketSQL.triggers)
            """)
    }
}
