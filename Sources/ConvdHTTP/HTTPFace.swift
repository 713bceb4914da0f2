import ConvdServer
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The optional HTTP listener (`--http-listen 127.0.0.1:8080`): LeadConduit-compatible feedback
/// and CSV batch import for CRMs that speak webhooks, authenticated by bearer tokens. Every call
/// runs a socket method through `InProcessCaller`, so no rule has a second implementation.
public struct HTTPFace: Service {
    private let configuration: HTTPListenerConfiguration
    private let caller: InProcessCaller
    private let logger: Logger

    /// A listener calling `caller`'s methods.
    public init(configuration: HTTPListenerConfiguration, caller: InProcessCaller, logger: Logger) {
        self.configuration = configuration
        self.caller = caller
        self.logger = logger
    }

    /// Serves until graceful shutdown.
    public func run() async throws {
        let c = configuration
        let router = Router(context: BasicRequestContext.self)
        let feedback = FeedbackEndpoint(caller: caller, tokens: c.tokens, maxBytes: c.maxFeedbackBytes, logger: logger)
        let batch = FeedbackBatchEndpoint(caller: caller, tokens: c.tokens, maxBytes: c.maxBatchBytes)
        router.post("feedback") { request, _ in await feedback.handle(request) }
        router.post("feedback/batch") { request, _ in await batch.handle(request) }
        let dashboard = DashboardEndpoint(caller: caller, tokens: c.tokens, open: c.dashboardOpen)
        router.get("/") { request, _ in await dashboard.events(request) }
        router.get("stats") { request, _ in await dashboard.stats(request) }
        let streams = LiveStreams()
        let live = LiveEventsEndpoint(dashboard: dashboard, streams: streams)
        router.get("events/live") { request, _ in await live.handle(request) }
        let conversion = ConversionPage(dashboard: dashboard), forwarding = ForwardingView(dashboard: dashboard)
        router.get("conversions/:id") { request, context in await conversion.handle(request, id: context.parameters.get("id") ?? "") }
        router.get("forwarding") { request, _ in await forwarding.handle(request) }
        let logger = self.logger
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(c.host, port: c.port), serverName: "convd"),
            onServerRunning: { channel in
                logger.info("http on http://\(c.host):\(channel.localAddress?.port ?? c.port)/ (\(c.tokens.isEmpty ? "no tokens configured: every call is refused" : "bearer tokens"))")
            },
            logger: logger)
        // The server drains requests in flight before it stops; live streams end only when told.
        try await withGracefulShutdownHandler {
            try await app.run()
        } onGracefulShutdown: {
            streams.closeAll()
        }
    }
}
