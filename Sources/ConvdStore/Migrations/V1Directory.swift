import GRDB

/// v1: recipients, sources and deliveries. Settings are JSON documents of Core's entities, since
/// they are read and written whole; what queries filter on is a column with an index.
enum V1Directory {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE recipient (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              settings TEXT NOT NULL,
              labels TEXT NOT NULL,
              created_at_ms INTEGER NOT NULL,
              updated_at_ms INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE source (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              forwarding TEXT,
              return_cap TEXT,
              labels TEXT NOT NULL,
              created_at_ms INTEGER NOT NULL,
              updated_at_ms INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE delivery (
              event_id TEXT PRIMARY KEY NOT NULL,
              recipient_id TEXT NOT NULL REFERENCES recipient(id),
              source_id TEXT NOT NULL REFERENCES source(id),
              click_id TEXT NOT NULL,
              lead TEXT NOT NULL,
              test INTEGER NOT NULL,
              delivered_at_ms INTEGER NOT NULL,
              recorded_at_ms INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX delivery_by_recipient_click ON delivery(recipient_id, click_id);
            CREATE INDEX delivery_by_source_time ON delivery(source_id, delivered_at_ms);
            """)
    }
}
