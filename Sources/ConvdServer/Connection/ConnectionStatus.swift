import ConvdProto
import ConvdWire
import NIOCore

/// A reply about the connection rather than a call: call_id 0, after which the server closes.
enum ConnectionStatus {
    /// Writes `status` with call_id 0 through `context`, then closes the channel once it is sent.
    static func sendAndClose(_ status: Status, context: ChannelHandlerContext) {
        var response = Convd_V1_Response()
        response.status = status.proto
        let channel = context.channel
        context.writeAndFlush(NIOAny(response)).whenComplete { _ in channel.close(promise: nil) }
    }
}
