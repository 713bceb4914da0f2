import ConvdCore
import ConvdProto
import ConvdStore

/// `Conversions/*`: get with history, list with keyset paging, stats.
struct ConversionsService: Sendable {
    let storage: any ConvdStorage

    func get(_ req: Convd_V1_GetConversionRequest, _: CallContext) async throws -> Convd_V1_GetConversionResponse {
        guard !req.id.isEmpty else { throw ConvdError.invalid(field: "id", "is required") }
        let (c, history, instalments) = try await storage.conversion(id: req.id)
        var r = Convd_V1_GetConversionResponse()
        r.conversion = c.proto
        r.conversion.history = history.map(\.proto)
        r.conversion.instalments = instalments.map(\.proto)
        return r
    }

    func list(_ req: Convd_V1_ListConversionsRequest, _: CallContext) async throws -> Convd_V1_ListConversionsResponse {
        let size = try Paging.size(req.pageSize)
        let after = try Paging.seq(req.pageToken)
        let rows = try await storage.listConversions(try ConversionFilter(proto: req.filter), afterSeq: after, limit: size + 1)
        var r = Convd_V1_ListConversionsResponse()
        (r.conversions, r.nextPageToken) = Paging.page(rows, size: size, proto: \.conversion.proto, token: { String($0.seq) })
        return r
    }

    func stats(_ req: Convd_V1_StatsRequest, _: CallContext) async throws -> Convd_V1_StatsResponse {
        let query = try StatsQuery(filter: try ConversionFilter(proto: req.filter),
                                   groupings: [try Self.grouping(req.groupBy, field: "group_by"), try Self.grouping(req.thenBy, field: "then_by")],
                                   timeZone: req.timeZone)
        var r = Convd_V1_StatsResponse()
        r.rows = try await storage.stats(query).map { row throws(ConvdError) in try row.proto() }
        return r
    }

    private static func grouping(_ g: Convd_V1_StatsGrouping, field: String) throws(ConvdError) -> StatsGrouping {
        switch g {
        case .unspecified: .none
        case .recipient: .recipient
        case .source: .source
        case .type: .type
        case .day: .day
        case .week: .week
        case .month: .month
        case .UNRECOGNIZED(let n): throw ConvdError.invalid(field: field, "unknown grouping \(n)")
        }
    }
}
