import ConvdCore

extension PostgresStorage {
    /// A source's vendor statement for a month (see `SQLiteStorage.statement`), read in one snapshot.
    public func statement(sourceID: String, month: String, timeZone: String, detail: Bool, pageSize: Int,
                          pageToken: String) async throws(ConvdError) -> VendorStatement {
        let after = try StatementReader.detailCursor(pageToken)
        return try await transaction("building a statement") { tx in
            try tx.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try StatementReader.statement(sourceID: sourceID, month: month, timeZone: timeZone, detail: detail, pageSize: pageSize,
                                                 after: after, in: tx)
        }
    }

    /// Closes a source's month for good (see `SQLiteStorage.closeMonth`). The source's close lock,
    /// taken exclusively, waits for the writes in flight that read its close count (they hold it
    /// shared, see `StatementBucketSQL.triggerList`) and holds back new ones until the close commits.
    public func closeMonth(sourceID: String, month: String, timeZone: String, actor: String,
                           idempotency: IdempotencyClaim?) async throws(ConvdError) -> StatementClose {
        let now = clock.nowMs()
        return try await idempotentWrite("Sources/CloseMonth", idempotency, nowMs: now) { tx in
            try tx.lock("convd-close:\(sourceID)")
            return try StatementReader.close(sourceID: sourceID, month: month, timeZone: timeZone, actor: actor, nowMs: now, in: tx)
        }
    }
}
