import ConvdProto
import ConvdWire

extension ConvdClient {
    /// `System/Health`: "SERVING" while the daemon serves.
    public func health(timeout: Duration? = nil) async throws -> Convd_V1_HealthResponse {
        try await call(Methods.health, Convd_V1_HealthRequest(), timeout: timeout)
    }

    /// `System/Health` in readiness mode: SERVING only when the database takes a commit and the
    /// forwarding worker runs; otherwise NOT_SERVING with each failed check in `problems`.
    public func readiness(timeout: Duration? = nil) async throws -> Convd_V1_HealthResponse {
        var request = Convd_V1_HealthRequest()
        request.readiness = true
        return try await call(Methods.health, request, timeout: timeout)
    }

    /// `System/Info`: version, methods, uptime, paths, counters.
    public func info(timeout: Duration? = nil) async throws -> Convd_V1_InfoResponse {
        try await call(Methods.info, Convd_V1_InfoRequest(), timeout: timeout)
    }

    /// `System/Metrics`: every metric in the Prometheus text format.
    public func metrics(timeout: Duration? = nil) async throws -> String {
        try await call(Methods.metrics, Convd_V1_MetricsRequest(), returning: Convd_V1_MetricsResponse.self, timeout: timeout).text
    }

    /// `System/Backup`: the daemon writes a consistent copy of its database to `path` (absolute,
    /// on the daemon's host, not existing) while writes go on.
    public func backup(to path: String, timeout: Duration? = nil) async throws -> Convd_V1_BackupResponse {
        var r = Convd_V1_BackupRequest()
        r.path = path
        return try await call(Methods.backup, r, returning: Convd_V1_BackupResponse.self, timeout: timeout)
    }

    /// `Recipients/Put`: creates or replaces a recipient; with `updateFields`, changes only those
    /// fields; with `expectedUpdatedAtMs`, only if nobody changed it since (else ABORTED).
    public func putRecipient(_ recipient: Convd_V1_Recipient, updateFields: [String] = [], expectedUpdatedAtMs: Int64 = 0,
                             idempotencyKey: String = "") async throws -> Convd_V1_PutRecipientResponse {
        var r = Convd_V1_PutRecipientRequest()
        r.recipient = recipient
        r.updateFields = updateFields
        r.expectedUpdatedAtMs = expectedUpdatedAtMs
        return try await call(Methods.putRecipient, r, idempotencyKey: idempotencyKey)
    }

    /// `Recipients/Get`. - Throws: NOT_FOUND naming the id.
    public func recipient(id: String) async throws -> Convd_V1_Recipient {
        var r = Convd_V1_GetRecipientRequest()
        r.id = id
        return try await call(Methods.getRecipient, r, returning: Convd_V1_GetRecipientResponse.self).recipient
    }

    /// `Recipients/List`: every recipient, following page tokens.
    public func recipients(pageSize: UInt32 = 0, includeArchived: Bool = false) async throws -> [Convd_V1_Recipient] {
        var r = Convd_V1_ListRecipientsRequest()
        r.pageSize = pageSize
        r.includeArchived = includeArchived
        return try await allPages(Methods.listRecipients, r, pageToken: \.pageToken,
                                  items: { (p: Convd_V1_ListRecipientsResponse) in p.recipients }, next: \.nextPageToken)
    }

    /// `Recipients/Delete`: deletes one with no history. - Returns: true when it had history and was archived instead.
    public func deleteRecipient(id: String) async throws -> Bool {
        var r = Convd_V1_DeleteRecipientRequest()
        r.id = id
        return try await call(Methods.deleteRecipient, r, returning: Convd_V1_DeleteRecipientResponse.self).archived
    }

    /// `Recipients/Restore`: brings back an archived recipient.
    public func restoreRecipient(id: String) async throws -> Convd_V1_Recipient {
        var r = Convd_V1_RestoreRecipientRequest()
        r.id = id
        return try await call(Methods.restoreRecipient, r, returning: Convd_V1_RestoreRecipientResponse.self).recipient
    }

    /// `Sources/Put`: creates or replaces a source.
    public func putSource(_ source: Convd_V1_Source, updateFields: [String] = [], expectedUpdatedAtMs: Int64 = 0,
                          idempotencyKey: String = "") async throws -> Convd_V1_PutSourceResponse {
        var r = Convd_V1_PutSourceRequest()
        r.source = source
        r.updateFields = updateFields
        r.expectedUpdatedAtMs = expectedUpdatedAtMs
        return try await call(Methods.putSource, r, idempotencyKey: idempotencyKey)
    }

    /// `Sources/Get`; secrets come masked unless `showSecrets` (admin only).
    /// - Throws: NOT_FOUND naming the id; PERMISSION_DENIED for `showSecrets` below admin.
    public func source(id: String, showSecrets: Bool = false) async throws -> Convd_V1_Source {
        var r = Convd_V1_GetSourceRequest()
        r.id = id
        r.showSecrets = showSecrets
        return try await call(Methods.getSource, r, returning: Convd_V1_GetSourceResponse.self).source
    }

    /// `Sources/List`: every source, following page tokens; secrets masked unless `showSecrets`.
    public func sources(pageSize: UInt32 = 0, showSecrets: Bool = false, includeArchived: Bool = false) async throws -> [Convd_V1_Source] {
        var r = Convd_V1_ListSourcesRequest()
        r.pageSize = pageSize
        r.includeArchived = includeArchived
        r.showSecrets = showSecrets
        return try await allPages(Methods.listSources, r, pageToken: \.pageToken,
                                  items: { (p: Convd_V1_ListSourcesResponse) in p.sources }, next: \.nextPageToken)
    }

    /// `Sources/Delete`: deletes one with no history. - Returns: true when it had history and was archived instead.
    public func deleteSource(id: String) async throws -> Bool {
        var r = Convd_V1_DeleteSourceRequest()
        r.id = id
        return try await call(Methods.deleteSource, r, returning: Convd_V1_DeleteSourceResponse.self).archived
    }

    /// `Sources/Restore`: brings back an archived source (secrets masked).
    public func restoreSource(id: String) async throws -> Convd_V1_Source {
        var r = Convd_V1_RestoreSourceRequest()
        r.id = id
        return try await call(Methods.restoreSource, r, returning: Convd_V1_RestoreSourceResponse.self).source
    }

    /// `Sources/Statement`: one page of a source's monthly statement (the figures are on every page).
    public func statement(_ request: Convd_V1_StatementRequest) async throws -> Convd_V1_StatementResponse {
        try await call(Methods.statement, request)
    }

    /// `Sources/CloseMonth`: closes a source's month and returns its final statement.
    public func closeMonth(sourceID: String, month: String, timeZone: String = "", idempotencyKey: String = "") async throws -> Convd_V1_StatementResponse {
        var r = Convd_V1_CloseMonthRequest()
        r.sourceID = sourceID
        r.month = month
        r.timeZone = timeZone
        return try await call(Methods.closeMonth, r, returning: Convd_V1_CloseMonthResponse.self, idempotencyKey: idempotencyKey).statement
    }
}
