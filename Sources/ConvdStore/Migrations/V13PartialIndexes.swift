import GRDB

/// v13: the conversion indexes by click ID and by transaction ID hold only the conversions that
/// have one. Most conversions arrive by event ID with neither, and every one of them still put a
/// '' entry in both indexes: two more B-tree pages each single-feedback commit dirtied and wrote
/// to the WAL, for entries no query looks up (a lookup by click or transaction is for a non-empty
/// one, and says so, `click_id <> ''`, so SQLite may use the partial index).
enum V13PartialIndexes {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX conversion_by_click;
            CREATE INDEX conversion_by_click ON conversion(click_id) WHERE click_id <> '';
            DROP INDEX conversion_by_recipient_transaction;
            CREATE INDEX conversion_by_recipient_transaction ON conversion(recipient_id, transaction_id) WHERE transaction_id <> '';
            """)
    }
}
