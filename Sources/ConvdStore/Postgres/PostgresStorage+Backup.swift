import ConvdCore

extension PostgresStorage {
    /// PostgreSQL has its own backups (pg_dump, base backups); convd does not copy its database.
    public func backup(to path: String) async throws(ConvdError) -> BackupSummary {
        throw .failedPrecondition("System/Backup copies a SQLite file; back up PostgreSQL with pg_dump or pg_basebackup")
    }
}
