import GRDB

/// v14: one transaction-ID B-tree written per claimed conversion instead of two. A conversion
/// created under a claim (CREATE_NEW or INCREMENT with a transaction ID) remembers the ID it
/// claimed, `claimed_transaction_id`; while its transaction ID is still that one, the claims' key
/// (`conversion_transaction`) already finds it, so `conversion_by_recipient_transaction` leaves it
/// out and holds only the conversions the claims do not lead to (other modes, or an ID changed
/// since). Adjust by transaction ID reads both (`SQLiteFeedbackStore.latestConversion`).
///
/// Why: with random transaction IDs (a CRM's UUIDs) each claimed feedback dirtied a random leaf
/// in both B-trees; at millions of rows that was 2,301 of the 2,614 pages one commit of 1,000
/// wrote (`bench/page-profile --grow 300000 --fresh --scattered`). Existing rows keep '' and so
/// stay in the index as before: no data is rewritten, only the index is rebuilt.
enum V14ClaimedTransaction {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE conversion ADD COLUMN claimed_transaction_id TEXT NOT NULL DEFAULT '';
            DROP INDEX conversion_by_recipient_transaction;
            CREATE INDEX conversion_by_recipient_transaction ON conversion(recipient_id, transaction_id)
              WHERE transaction_id <> claimed_transaction_id;
            """)
    }
}
