import ConvdProto
import ConvdWire
import NIOCore
import NIOPosix

/// Opens the client side of a connection.
enum ClientConnection {
    /// Connects to `socketPath` within `timeout`.
    /// - Throws: `StatusError(.unavailable)` naming the path when nothing answers there.
    static func connect(socketPath: String, group: any EventLoopGroup, timeout: TimeAmount,
                        maxFrameLength: Int, pending: PendingCalls) async throws -> any Channel {
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(MessageToByteHandler(FrameEncoder<Convd_V1_Request>()))
                    try sync.addHandler(ByteToMessageHandler(FrameDecoder(maximumFrameLength: maxFrameLength)))
                    try sync.addHandler(ResponseDispatcher(pending: pending, socketPath: socketPath))
                }
            }
        do {
            return try await bootstrap.connect(unixDomainSocketPath: socketPath).get()
        } catch {
            throw StatusError(.unavailable, "cannot reach convd at \(socketPath): \(ConnectFailure.describe(error))")
        }
    }
}
