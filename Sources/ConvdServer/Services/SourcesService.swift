import ConvdCore
import ConvdProto
import ConvdStore

/// `Sources/*`: proto in, Core validation, storage, proto out.
struct SourcesService: Sendable {
    let storage: any ConvdStorage

    func put(_ req: Convd_V1_PutSourceRequest, _ ctx: CallContext) async throws -> Convd_V1_PutSourceResponse {
        guard req.hasSource else { throw ConvdError.invalid(field: "source", "is required") }
        let source = try Source(proto: req.source, path: "source", validate: req.updateFields.isEmpty)
        let options = PutOptions(updateFields: req.updateFields, expectedUpdatedAtMs: req.expectedUpdatedAtMs)
        let put = try await storage.putSource(source, options: options, idempotency: ctx.idempotency)
        let (stored, created) = (put.value, put.created)
        ctx.logger.info("source put", metadata: ["source": "\(stored.id)", "created": "\(created)"])
        var r = Convd_V1_PutSourceResponse()
        r.source = SecretMask.masked(stored).proto
        r.created = created
        return r
    }

    func get(_ req: Convd_V1_GetSourceRequest, _ ctx: CallContext) async throws -> Convd_V1_GetSourceResponse {
        guard !req.id.isEmpty else { throw ConvdError.invalid(field: "id", "is required") }
        let reveal = try Self.reveal(req.showSecrets, ctx)
        var r = Convd_V1_GetSourceResponse()
        let source = try await storage.source(id: req.id)
        r.source = (reveal ? source : SecretMask.masked(source)).proto
        return r
    }

    /// Whether to show secrets: only when asked, and only to an admin.
    static func reveal(_ asked: Bool, _ ctx: CallContext) throws(ConvdError) -> Bool {
        guard asked else { return false }
        guard ctx.role >= .admin else {
            throw .permissionDenied("show_secrets needs role admin; uid \(ctx.peer.uid) has role \(ctx.role)")
        }
        ctx.logger.notice("source secrets shown", metadata: ["actor": "\(ctx.actor)"])
        return true
    }

    func list(_ req: Convd_V1_ListSourcesRequest, _ ctx: CallContext) async throws -> Convd_V1_ListSourcesResponse {
        let size = try Paging.size(req.pageSize)
        let reveal = try Self.reveal(req.showSecrets, ctx)
        let rows = try await storage.listSources(after: req.pageToken.isEmpty ? nil : req.pageToken, limit: size + 1,
                                                 includeArchived: req.includeArchived)
        var r = Convd_V1_ListSourcesResponse()
        (r.sources, r.nextPageToken) = Paging.page(rows, size: size, proto: { (reveal ? $0 : SecretMask.masked($0)).proto }, token: \.id)
        return r
    }

    func delete(_ req: Convd_V1_DeleteSourceRequest, _ ctx: CallContext) async throws -> Convd_V1_DeleteSourceResponse {
        guard !req.id.isEmpty else { throw ConvdError.invalid(field: "id", "is required") }
        var r = Convd_V1_DeleteSourceResponse()
        r.archived = try await storage.deleteSource(id: req.id, idempotency: ctx.idempotency).archived
        ctx.logger.info(r.archived ? "source archived" : "source deleted", metadata: ["source": "\(req.id)"])
        return r
    }

    func restore(_ req: Convd_V1_RestoreSourceRequest, _ ctx: CallContext) async throws -> Convd_V1_RestoreSourceResponse {
        guard !req.id.isEmpty else { throw ConvdError.invalid(field: "id", "is required") }
        var r = Convd_V1_RestoreSourceResponse()
        r.source = SecretMask.masked(try await storage.restoreSource(id: req.id, idempotency: ctx.idempotency)).proto
        ctx.logger.info("source restored", metadata: ["source": "\(req.id)"])
        return r
    }
}
