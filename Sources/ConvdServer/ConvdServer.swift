import ConvdProto
import ConvdWire
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The Unix-socket server as a service: binds, serves until graceful shutdown, then stops
/// accepting, lets every call in flight answer, and closes the connections.
public final class ConvdServer: Service, Sendable {
    private let configuration: ServerConfiguration
    private let router: MethodRouter
    private let group: any EventLoopGroup
    private let logger: Logger
    /// Connections, calls in flight and counters.
    public let activity: ServerActivity
    private let bound = Mutex<(any Channel)?>(nil)
    private let ready: (@Sendable () -> Void)?
    private let draining: (@Sendable () -> Void)?

    /// Creates a server. `ready` runs once the socket is listening; `draining` when graceful
    /// shutdown begins, before the calls in flight are waited for.
    public init(configuration: ServerConfiguration, router: MethodRouter, activity: ServerActivity,
                group: any EventLoopGroup, logger: Logger, ready: (@Sendable () -> Void)? = nil,
                draining: (@Sendable () -> Void)? = nil) {
        self.configuration = configuration
        self.router = router
        self.activity = activity
        self.group = group
        self.logger = logger
        self.draining = draining
        self.ready = ready
    }

    /// Binds and serves until graceful shutdown.
    /// - Throws: when the socket cannot be claimed or bound (a live daemon, a bad path).
    public func run() async throws {
        let channel = try await SocketListener.bind(
            makeBootstrap(), path: configuration.socketPath, group: configuration.socketGroup)
        bound.withLock { $0 = channel }
        logger.info("listening", metadata: ["socket": "\(configuration.socketPath)"])
        ready?()
        await withGracefulShutdownHandler {
            try? await channel.closeFuture.get()
        } onGracefulShutdown: {
            self.bound.withLock { $0 }?.close(promise: nil)
        }
        // No new connections now. Let the calls in flight answer, then close what is open.
        draining?()
        logger.info("draining calls in flight")
        await activity.drain()
        for connection in activity.openConnections() {
            try? await connection.close()
        }
        unlinkSocket()
        logger.info("stopped")
    }

    private func unlinkSocket() {
        // Only remove the file if it is still ours (not replaced by a new daemon).
        if !SocketListener.isLive(path: configuration.socketPath) {
            try? SocketListener.claim(path: configuration.socketPath)
        }
    }

    private func makeBootstrap() -> ServerBootstrap {
        let limits = configuration.limits
        let roles = configuration.roles
        let router = self.router
        let activity = self.activity
        let logger = self.logger
        return ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .childChannelOption(
                ChannelOptions.writeBufferWaterMark,
                value: .init(low: limits.writeBufferHighWaterMark / 2, high: limits.writeBufferHighWaterMark))
            .childChannelInitializer { channel in
                PeerCredentials.read(from: channel).flatMap { peer in
                    var connLogger = logger
                    connLogger[metadataKey: "peer"] = "\(peer)"
                    let sync = channel.pipeline.syncOperations
                    do {
                        guard let role = roles.role(for: peer) else {
                            try sync.addHandler(RefusingHandler(status: Status(.permissionDenied,
                                "uid \(peer.uid) has no role on this convd; grant one with --grant uid:\(peer.uid)=reader")))
                            return channel.eventLoop.makeSucceededVoidFuture()
                        }
                        guard activity.openConnection(channel, maximum: limits.maxConnections) else {
                            try sync.addHandler(RefusingHandler(status: Status(.resourceExhausted,
                                "too many connections (maximum \(limits.maxConnections))")))
                            return channel.eventLoop.makeSucceededVoidFuture()
                        }
                        try sync.addHandler(IdleStateHandler(allTimeout: limits.idleTimeout))
                        try sync.addHandler(ByteToMessageHandler(FrameDecoder(maximumFrameLength: limits.maxFrameLength)))
                        try sync.addHandler(ConnectionHandler(
                            router: router, activity: activity, limits: limits, peer: peer, role: role, logger: connLogger))
                        return channel.eventLoop.makeSucceededVoidFuture()
                    } catch {
                        return channel.eventLoop.makeFailedFuture(error)
                    }
                }
            }
    }
}
