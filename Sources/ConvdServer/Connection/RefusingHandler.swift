import ConvdProto
import ConvdWire
import NIOCore

/// Answers a refused connection (no role, or the server is full) with one status under call_id
/// 0, then closes it; nothing it is sent is read.
final class RefusingHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let status: Status
    private var refused = false

    init(status: Status) { self.status = status }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuse(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) { refuse(context: context) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    private func refuse(context: ChannelHandlerContext) {
        guard !refused else { return }
        refused = true
        let channel = context.channel
        var frame = context.channel.allocator.buffer(capacity: 64)
        guard (try? ResponseFrame.write(callID: 0, status: status, into: &frame)) != nil else {
            return channel.close(promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(frame)).whenComplete { _ in channel.close(promise: nil) }
    }
}
