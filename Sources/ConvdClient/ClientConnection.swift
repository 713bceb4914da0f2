import ConvdProto
import ConvdWire
import NIOCore
import NIOPosix

/// Reads framed `Response`s on a client connection and hands each to its waiting call.
final class ResponseDispatcher: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let pending: PendingCalls
    private let socketPath: String

    init(pending: PendingCalls, socketPath: String) {
        self.pending = pending
        self.socketPath = socketPath
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard let response = try? Convd_V1_Response(serializedBytes: Array(frame.readableBytesView)) else {
            pending.closeAll(StatusError(.internal, "convd at \(socketPath) sent an undecodable reply"))
            context.close(promise: nil)
            return
        }
        let status = Status(proto: response.status)
        if response.callID == 0 {
            // A connection-level error: the server closes after it.
            pending.closeAll(StatusError(status))
            return
        }
        pending.deliver(id: response.callID, status: status, payload: response.payload, more: response.more)
    }

    func channelInactive(context: ChannelHandlerContext) {
        pending.closeAll(StatusError(.unavailable, "connection to convd at \(socketPath) closed"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let status: StatusError
        if let frame = error as? FrameError {
            status = StatusError(.resourceExhausted, "reply from convd refused: \(frame)")
        } else {
            status = StatusError(.unavailable, "connection to convd at \(socketPath) failed: \(error)")
        }
        pending.closeAll(status)
        context.close(promise: nil)
    }
}

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

/// Words for why a connect failed.
enum ConnectFailure {
    static func describe(_ error: any Error) -> String {
        if let io = error as? IOError {
            switch io.errnoCode {
            case ENOENT: return "no socket there (is convd running?)"
            case ECONNREFUSED: return "nothing is listening (stale socket?)"
            case EACCES: return "permission denied"
            default: return "\(io)"
            }
        }
        if case ChannelError.connectTimeout = error { return "connect timed out" }
        return "\(error)"
    }
}
