import GRDB

/// v7: what leads cost. A delivery keeps its cost (minor units and currency, NULL for none) and
/// every value it has had in `delivery_cost_version`; a source keeps its price per lead
/// (`lead_cost`, JSON); a return can be retracted, with when, why and by whom, and then neither
/// counts against the cap nor credits the cost.
enum V7Spend {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE delivery ADD COLUMN cost_minor INTEGER;
            ALTER TABLE delivery ADD COLUMN cost_currency TEXT;
            CREATE TABLE delivery_cost_version (
              event_id TEXT NOT NULL REFERENCES delivery(event_id),
              version INTEGER NOT NULL,
              cost_minor INTEGER,
              cost_currency TEXT,
              reason TEXT NOT NULL,
              actor TEXT NOT NULL,
              at_ms INTEGER NOT NULL,
              PRIMARY KEY (event_id, version)
            ) STRICT;
            ALTER TABLE source ADD COLUMN lead_cost TEXT;
            ALTER TABLE delivery_return ADD COLUMN retracted_at_ms INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE delivery_return ADD COLUMN retract_reason TEXT NOT NULL DEFAULT '';
            ALTER TABLE delivery_return ADD COLUMN retracted_by TEXT NOT NULL DEFAULT '';
            """)
    }
}
