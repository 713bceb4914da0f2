import GRDB

/// The schema's named, append-only migrations. A released migration is never edited: a change
/// is a new migration appended at the end.
public enum ConvdMigrations {
    /// Every migration, in order.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // Each migration stamps its number in its own transaction (`SchemaStamp`).
        func register(_ name: String, _ migrate: @escaping @Sendable (Database) throws -> Void) {
            let number = Int64(clamping: migrator.migrations.count) + 1
            migrator.registerMigration(name) { db in
                try migrate(db)
                try SchemaStamp.write(number, db)
            }
        }
        register("v1-directory", V1Directory.migrate)
        register("v2-feedback", V2Feedback.migrate)
        register("v3-outbox", V3Outbox.migrate)
        register("v4-transactions", V4Transactions.migrate)
        register("v5-money-path", V5MoneyPath.migrate)
        register("v6-erasure", V6Erasure.migrate)
        register("v7-spend", V7Spend.migrate)
        register("v8-outbox-lease", V8OutboxLease.migrate)
        register("v9-stats-buckets", V9StatsBuckets.migrate)
        register("v10-statements", V10Statements.migrate)
        register("v11-stats-days", V11StatsDays.migrate)
        register("v12-transaction-key", V12TransactionKey.migrate)
        register("v13-partial-indexes", V13PartialIndexes.migrate)
        register("v14-claimed-transaction", V14ClaimedTransaction.migrate)
        register("v15-slotted-mode-key", V15SlottedModeKey.migrate)
        return migrator
    }

    /// Names of every migration this build knows, in order.
    public static var names: [String] { migrator.migrations }
}
