import GRDB

/// v15: the unique mode key holds only the conversions that have a key slot. A CREATE_NEW
/// conversion has none (every feedback is a conversion of its own), so its entry was never
/// looked up (`ConversionRecord.current` asks for `key_slot IS NOT NULL`) and never conflicted
/// (NULLs are distinct), yet each one was inserted at its lead's place in the key.
///
/// Why: with many CREATE_NEW conversions per lead, a commit dirtied one leaf of the key per lead
/// it touched: 1,106 of the 2,403 pages one commit of 1,000 feedbacks on 1,000 leads wrote after
/// 300k conversions (`bench/page-profile --grow 300000`). The rows with a slot, one per key
/// under UPDATE, IGNORE_DUPLICATES and INCREMENT, keep their uniqueness exactly as before.
enum V15SlottedModeKey {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX conversion_mode_key;
            CREATE UNIQUE INDEX conversion_mode_key ON conversion(recipient_id, type_key, attribution_id, key_slot)
              WHERE key_slot IS NOT NULL;
            """)
    }
}
