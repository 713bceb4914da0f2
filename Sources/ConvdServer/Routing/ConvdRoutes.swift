import ConvdCore
import ConvdProto
import ConvdStore
import ConvdWire

/// Builds the router of every method convd serves, with the least role each needs.
public enum ConvdRoutes {
    /// The router over `storage`; `facts` and `activity` feed `System/Info`; an open watch reads
    /// the newest seq every `watchPoll` for other daemons' commits.
    public static func router(storage: any ConvdStorage, facts: DaemonFacts, activity: ServerActivity,
                              clock: any WallClock, forwarder: ForwardingWorker? = nil, watchPoll: Duration = .seconds(1)) -> MethodRouter {
        var router = MethodRouter()
        func m(_ service: String, _ method: String) -> MethodName { MethodName(service: service, method: method) }

        let recipients = RecipientsService(storage: storage)
        router.unary(m("Recipients", "Put"), role: .admin, Convd_V1_PutRecipientRequest.self, recipients.put)
        router.unary(m("Recipients", "Get"), role: .reader, Convd_V1_GetRecipientRequest.self, recipients.get)
        router.unary(m("Recipients", "List"), role: .reader, Convd_V1_ListRecipientsRequest.self, recipients.list)
        router.unary(m("Recipients", "Delete"), role: .admin, Convd_V1_DeleteRecipientRequest.self, recipients.delete)
        router.unary(m("Recipients", "Restore"), role: .admin, Convd_V1_RestoreRecipientRequest.self, recipients.restore)

        let sources = SourcesService(storage: storage)
        router.unary(m("Sources", "Put"), role: .admin, Convd_V1_PutSourceRequest.self, sources.put)
        router.unary(m("Sources", "Get"), role: .reader, Convd_V1_GetSourceRequest.self, sources.get)
        router.unary(m("Sources", "List"), role: .reader, Convd_V1_ListSourcesRequest.self, sources.list)
        router.unary(m("Sources", "Delete"), role: .admin, Convd_V1_DeleteSourceRequest.self, sources.delete)
        router.unary(m("Sources", "Restore"), role: .admin, Convd_V1_RestoreSourceRequest.self, sources.restore)
        let statements = StatementsService(storage: storage)
        router.unary(m("Sources", "Statement"), role: .reader, Convd_V1_StatementRequest.self, statements.statement)
        router.unary(m("Sources", "CloseMonth"), role: .admin, Convd_V1_CloseMonthRequest.self, statements.closeMonth)

        let deliveries = DeliveriesService(storage: storage)
        router.unary(m("Deliveries", "Record"), role: .recorder, Convd_V1_RecordDeliveryRequest.self, deliveries.record)
        router.unary(m("Deliveries", "Get"), role: .reader, Convd_V1_GetDeliveryRequest.self, deliveries.get)
        router.unary(m("Deliveries", "Erase"), role: .admin, Convd_V1_EraseDeliveriesRequest.self, deliveries.erase)
        router.unary(m("Deliveries", "AdjustCost"), role: .recorder, Convd_V1_AdjustCostRequest.self, deliveries.adjustCost)

        let returns = ReturnsService(storage: storage)
        router.unary(m("Returns", "Retract"), role: .recorder, Convd_V1_RetractReturnRequest.self, returns.retract)

        let feedback = FeedbackService(storage: storage, metrics: activity.metrics)
        router.unary(m("Feedback", "Record"), role: .recorder, Convd_V1_RecordFeedbackRequest.self, feedback.record)
        router.unary(m("Feedback", "RecordBatch"), role: .recorder, Convd_V1_RecordFeedbackBatchRequest.self, feedback.recordBatch)
        router.unary(m("Feedback", "Adjust"), role: .recorder, Convd_V1_AdjustRequest.self, feedback.adjust)
        router.unary(m("Feedback", "Retract"), role: .recorder, Convd_V1_AdjustRequest.self, feedback.retract)

        let conversions = ConversionsService(storage: storage)
        router.unary(m("Conversions", "Get"), role: .reader, Convd_V1_GetConversionRequest.self, conversions.get)
        router.unary(m("Conversions", "List"), role: .reader, Convd_V1_ListConversionsRequest.self, conversions.list)
        router.unary(m("Conversions", "Stats"), role: .reader, Convd_V1_StatsRequest.self, conversions.stats)

        let events = EventsService(storage: storage, foreignCommitPoll: watchPoll)
        router.unary(m("Events", "List"), role: .reader, Convd_V1_ListEventsRequest.self) { try await events.list($0, ctx: $1) }
        router.serverStreaming(m("Events", "Watch"), role: .reader, Convd_V1_WatchEventsRequest.self) {
            try await events.watch($0, ctx: $1, writer: $2)
        }

        let forwarding = ForwardingService(storage: storage)
        router.unary(m("Forwarding", "List"), role: .reader, Convd_V1_ListForwardsRequest.self, forwarding.list)
        router.unary(m("Forwarding", "Retry"), role: .admin, Convd_V1_RetryForwardsRequest.self) { try await forwarding.retry($0, ctx: $1) }

        let systemMethods = [m("System", "Health"), m("System", "Info"), m("System", "Metrics"), m("System", "Backup")].map(\.fullName)
        let system = SystemService(
            facts: facts, methods: (router.methods + systemMethods).sorted(), activity: activity,
            storage: storage, clock: clock, forwarder: forwarder)
        router.choosing(m("System", "Health"), role: .reader, Convd_V1_HealthRequest.self) { req in
            req.readiness ? .unary { ctx in await system.readiness(req, ctx) } : .inline { ctx in system.health(req, ctx) }
        }
        router.inline(m("System", "Info"), role: .reader, Convd_V1_InfoRequest.self, system.info)
        router.unary(m("System", "Metrics"), role: .reader, Convd_V1_MetricsRequest.self, system.metrics)
        router.unary(m("System", "Backup"), role: .admin, Convd_V1_BackupRequest.self, system.backup)
        return router
    }
}
