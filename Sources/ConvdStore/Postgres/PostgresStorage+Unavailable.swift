import ConvdCore

/// Calls the PostgreSQL backend does not serve yet: each is refused with FAILED_PRECONDITION
/// naming itself and the backend that serves it, never answered wrongly.
extension PostgresStorage {
    /// PostgreSQL has its own backups (pg_dump, base backups); convd does not copy its database.
    public func backup(to path: String) async throws(ConvdError) -> BackupSummary {
        throw .failedPrecondition("System/Backup copies a SQLite file; back up PostgreSQL with pg_dump or pg_basebackup")
    }

    /// Not yet on PostgreSQL.
    public func statement(sourceID: String, month: String, timeZone: String, detail: Bool, pageSize: Int,
                          pageToken: String) async throws(ConvdError) -> VendorStatement {
        throw Self.notOnPostgres("Sources/Statement")
    }

    /// Not yet on PostgreSQL.
    public func closeMonth(sourceID: String, month: String, timeZone: String, actor: String,
                           idempotency: IdempotencyClaim?) async throws(ConvdError) -> StatementClose {
        throw Self.notOnPostgres("Sources/CloseMonth")
    }
}
