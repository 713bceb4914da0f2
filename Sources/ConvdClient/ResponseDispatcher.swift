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
