import ConvdCore
import ConvdProto
import ConvdStore

/// `Recipients/*`: proto in, Core validation, storage, proto out.
struct RecipientsService: Sendable {
    let storage: any ConvdStorage

    func put(_ req: Convd_V1_PutRecipientRequest, _ ctx: CallContext) async throws -> Convd_V1_PutRecipientResponse {
        guard req.hasRecipient else { throw ConvdError.invalid(field: "recipient", "is required") }
        let recipient = try Recipient(proto: req.recipient, path: "recipient", validate: req.updateFields.isEmpty)
        let options = PutOptions(updateFields: req.updateFields, expectedUpdatedAtMs: req.expectedUpdatedAtMs)
        let put = try await storage.putRecipient(recipient, options: options, idempotency: ctx.idempotency)
        let (stored, created) = (put.value, put.created)
        ctx.logger.info("recipient put", metadata: ["recipient": "\(stored.id)", "created": "\(created)"])
        var r = Convd_V1_PutRecipientResponse()
        r.recipient = stored.proto
        r.created = created
        return r
    }

    func get(_ req: Convd_V1_GetRecipientRequest, _: CallContext) async throws -> Convd_V1_GetRecipientResponse {
        guard !req.id.isEmpty else { throw ConvdError.invalid(field: "id", "is required") }
        var r = Convd_V1_GetRecipientResponse()
        r.recipient = try await storage.recipient(id: req.id).proto
        return r
    }

    func list(_ req: Convd_V1_ListRecipientsRequest, _: CallContext) async throws -> Convd_V1_ListRecipientsResponse {
        let size = try Paging.size(req.pageSize)
        let rows = try await storage.listRecipients(after: req.pageToken.isEmpty ? nil : req.pageToken, limit: size + 1,
                                                    includeArchived: req.includeArchived)
        var r = Convd_V1_ListRecipientsResponse()
        (r.recipients, r.nextPageToken) = Paging.page(rows, size: size, proto: \.proto, token: \.id)
        return r
    }

    func delete(_ req: Convd_V1_DeleteRecipientRequest, _ ctx: CallContext) async throws -> Convd_V1_DeleteRecipientResponse {
        guard !req.id.isEmpty else { throw ConvdError.invalid(field: "id", "is required") }
        var r = Convd_V1_DeleteRecipientResponse()
        r.archived = try await storage.deleteRecipient(id: req.id, idempotency: ctx.idempotency).archived
        ctx.logger.info(r.archived ? "recipient archived" : "recipient deleted", metadata: ["recipient": "\(req.id)"])
        return r
    }

    func restore(_ req: Convd_V1_RestoreRecipientRequest, _ ctx: CallContext) async throws -> Convd_V1_RestoreRecipientResponse {
        guard !req.id.isEmpty else { throw ConvdError.invalid(field: "id", "is required") }
        var r = Convd_V1_RestoreRecipientResponse()
        r.recipient = try await storage.restoreRecipient(id: req.id, idempotency: ctx.idempotency).proto
        ctx.logger.info("recipient restored", metadata: ["recipient": "\(req.id)"])
        return r
    }
}
