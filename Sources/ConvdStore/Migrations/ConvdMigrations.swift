import GRDB

/// The schema's named, append-only migrations. A released migration is never edited: a change
/// is a new migration appended at the end.
public enum ConvdMigrations {
    /// Every migration, in order.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-directory", migrate: V1Directory.migrate)
        migrator.registerMigration("v2-feedback", migrate: V2Feedback.migrate)
        migrator.registerMigration("v3-outbox", migrate: V3Outbox.migrate)
        migrator.registerMigration("v4-transactions", migrate: V4Transactions.migrate)
        migrator.registerMigration("v5-money-path", migrate: V5MoneyPath.migrate)
        migrator.registerMigration("v6-erasure", migrate: V6Erasure.migrate)
        migrator.registerMigration("v7-spend", migrate: V7Spend.migrate)
        migrator.registerMigration("v8-outbox-lease", migrate: V8OutboxLease.migrate)
        migrator.registerMigration("v9-stats-buckets", migrate: V9StatsBuckets.migrate)
        migrator.registerMigration("v10-statements", migrate: V10Statements.migrate)
        migrator.registerMigration("v11-stats-days", migrate: V11StatsDays.migrate)
        migrator.registerMigration("v12-transaction-key", migrate: V12TransactionKey.migrate)
        migrator.registerMigration("v13-partial-indexes", migrate: V13PartialIndexes.migrate)
        migrator.registerMigration("v14-claimed-transaction", migrate: V14ClaimedTransaction.migrate)
        migrator.registerMigration("v15-slotted-mode-key", migrate: V15SlottedModeKey.migrate)
        return migrator
    }

    /// Names of every migration this build knows, in order.
    public static var names: [String] { migrator.migrations }
}
