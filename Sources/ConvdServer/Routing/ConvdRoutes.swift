import ConvdCore
import ConvdProto
import ConvdStore
import ConvdWire

/// Builds the router of every method convd serves, with the least role each needs.
public enum ConvdRoutes {
    /// The router over `storage`; `facts` and `activity` feed `System/Info`.
    public static func router(storage: any ConvdStorage, facts: DaemonFacts, activity: ServerActivity,
                              clock: any WallClock) -> MethodRouter {
        var router = MethodRouter()
        func m(_ service: String, _ method: String) -> MethodName { MethodName(service: service, method: method) }

        let recipients = RecipientsService(storage: storage)
        router.unary(m("Recipients", "Put"), role: .admin, Convd_V1_PutRecipientRequest.self, recipients.put)
        router.unary(m("Recipients", "Get"), role: .reader, Convd_V1_GetRecipientRequest.self, recipients.get)
        router.unary(m("Recipients", "List"), role: .reader, Convd_V1_ListRecipientsRequest.self, recipients.list)
        router.unary(m("Recipients", "Delete"), role: .admin, Convd_V1_DeleteRecipientRequest.self, recipients.delete)

        let sources = SourcesService(storage: storage)
        router.unary(m("Sources", "Put"), role: .admin, Convd_V1_PutSourceRequest.self, sources.put)
        router.unary(m("Sources", "Get"), role: .reader, Convd_V1_GetSourceRequest.self, sources.get)
        router.unary(m("Sources", "List"), role: .reader, Convd_V1_ListSourcesRequest.self, sources.list)
        router.unary(m("Sources", "Delete"), role: .admin, Convd_V1_DeleteSourceRequest.self, sources.delete)

        let systemMethods = [m("System", "Health"), m("System", "Info")].map(\.fullName)
        let system = SystemService(
            facts: facts, methods: (router.methods + systemMethods).sorted(), activity: activity,
            storage: storage, clock: clock)
        router.inline(m("System", "Health"), role: .reader, Convd_V1_HealthRequest.self, system.health)
        router.inline(m("System", "Info"), role: .reader, Convd_V1_InfoRequest.self, system.info)
        return router
    }
}
