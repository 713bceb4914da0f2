import ConvdProto
import ConvdWire

extension ConvdClient {
    /// `Deliveries/Record`: returns the delivery as stored, with its event ID.
    public func recordDelivery(_ delivery: Convd_V1_Delivery, idempotencyKey: String = "") async throws -> Convd_V1_Delivery {
        var r = Convd_V1_RecordDeliveryRequest()
        r.delivery = delivery
        return try await call(Methods.recordDelivery, r, returning: Convd_V1_RecordDeliveryResponse.self,
                              idempotencyKey: idempotencyKey).delivery
    }

    /// `Deliveries/Get`. - Throws: NOT_FOUND naming the event ID.
    public func delivery(eventID: String) async throws -> Convd_V1_Delivery {
        var r = Convd_V1_GetDeliveryRequest()
        r.eventID = eventID
        return try await call(Methods.getDelivery, r, returning: Convd_V1_GetDeliveryResponse.self).delivery
    }

    /// `Deliveries/Erase`: erases the personal data of one delivery (by event ID) or of every
    /// delivery of an email. - Returns: the event IDs erased.
    public func eraseDeliveries(eventID: String? = nil, email: String? = nil) async throws -> Convd_V1_EraseDeliveriesResponse {
        var r = Convd_V1_EraseDeliveriesRequest()
        if let eventID { r.eventID = eventID }
        if let email { r.email = email }
        return try await call(Methods.eraseDeliveries, r, returning: Convd_V1_EraseDeliveriesResponse.self)
    }

    /// `Feedback/Record`: what the feedback did (outcome, conversion, detail).
    public func recordFeedback(_ feedback: Convd_V1_FeedbackReport, idempotencyKey: String = "",
                               timeout: Duration? = nil) async throws -> Convd_V1_FeedbackResult {
        var r = Convd_V1_RecordFeedbackRequest()
        r.feedback = feedback
        return try await call(Methods.recordFeedback, r, returning: Convd_V1_RecordFeedbackResponse.self,
                              timeout: timeout, idempotencyKey: idempotencyKey).result
    }

    /// `Feedback/RecordBatch`: one result per item, in order; each carries its own status.
    public func recordFeedbackBatch(_ items: [Convd_V1_FeedbackReport], idempotencyKey: String = "") async throws -> [Convd_V1_FeedbackResult] {
        var r = Convd_V1_RecordFeedbackBatchRequest()
        r.items = items
        return try await call(Methods.recordFeedbackBatch, r, returning: Convd_V1_RecordFeedbackBatchResponse.self,
                              idempotencyKey: idempotencyKey).results
    }

    /// `Feedback/Adjust`: retract, restate, approve or reject a conversion.
    public func adjust(_ request: Convd_V1_AdjustRequest, idempotencyKey: String = "") async throws -> Convd_V1_FeedbackResult {
        try await call(Methods.adjust, request, returning: Convd_V1_AdjustResponse.self, idempotencyKey: idempotencyKey).result
    }

    /// `Feedback/Retract`: a charge-back; the conversion stays, RETRACTED, and leaves the stats.
    public func retract(conversionID: String, reason: String = "", idempotencyKey: String = "") async throws -> Convd_V1_FeedbackResult {
        var r = Convd_V1_AdjustRequest()
        r.conversionID = conversionID
        r.reason = reason
        return try await call(Methods.retract, r, returning: Convd_V1_AdjustResponse.self, idempotencyKey: idempotencyKey).result
    }

    /// `Conversions/Get`: the conversion with its earlier versions.
    public func conversion(id: String) async throws -> Convd_V1_Conversion {
        var r = Convd_V1_GetConversionRequest()
        r.id = id
        return try await call(Methods.getConversion, r, returning: Convd_V1_GetConversionResponse.self).conversion
    }

    /// `Conversions/List`: one page.
    public func listConversions(_ request: Convd_V1_ListConversionsRequest) async throws -> Convd_V1_ListConversionsResponse {
        try await call(Methods.listConversions, request)
    }

    /// `Conversions/List`: every page.
    public func conversions(filter: Convd_V1_ConversionFilter = .init(), pageSize: UInt32 = 0) async throws -> [Convd_V1_Conversion] {
        var r = Convd_V1_ListConversionsRequest()
        r.filter = filter
        r.pageSize = pageSize
        return try await allPages(Methods.listConversions, r, pageToken: \.pageToken,
                                  items: { (p: Convd_V1_ListConversionsResponse) in p.conversions }, next: \.nextPageToken)
    }

    /// `Conversions/Stats`.
    public func stats(filter: Convd_V1_ConversionFilter = .init(), groupBy: Convd_V1_StatsGrouping = .unspecified) async throws -> [Convd_V1_StatsRow] {
        var r = Convd_V1_StatsRequest()
        r.filter = filter
        r.groupBy = groupBy
        return try await call(Methods.stats, r, returning: Convd_V1_StatsResponse.self).rows
    }

    /// `Conversions/Stats` with every option: two groupings, a time zone.
    public func stats(_ request: Convd_V1_StatsRequest) async throws -> [Convd_V1_StatsRow] {
        try await call(Methods.stats, request, returning: Convd_V1_StatsResponse.self).rows
    }

    /// `Events/List`: one page.
    public func listEvents(_ request: Convd_V1_ListEventsRequest) async throws -> Convd_V1_ListEventsResponse {
        try await call(Methods.listEvents, request)
    }

    /// `Events/Watch`: committed events as they come, until the consuming task is cancelled.
    public func watchEvents(_ request: Convd_V1_WatchEventsRequest = .init()) throws -> AsyncThrowingStream<Convd_V1_WatchEventsResponse, any Error> {
        try stream(Methods.watchEvents, request)
    }
}
