import ConvdProto
import ConvdWire
import Foundation
import NIOCore
import NIOPosix

/// The transport floor for `convd-bench echo`: a minimal SwiftNIO server on a Unix socket that
/// decodes each framed request and answers it with a fixed `System/Health` reply. It does what
/// any server on this wire must (frames, the envelope, the call ID) and nothing convd adds.
final class EchoServer: Sendable {
    private let channel: any Channel

    /// Binds `path` on `group` and starts answering.
    init(path: String, group: any EventLoopGroup) async throws {
        var health = Convd_V1_HealthResponse()
        health.status = "SERVING"
        let payload: Data = try health.serializedData()
        channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(MessageToByteHandler(FrameEncoder<Convd_V1_Response>()))
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(EchoHandler(payload: payload))
                }
            }
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
    }

    /// Stops listening.
    func close() async throws { try await channel.close() }
}

/// Answers every request frame with the fixed reply under the request's call ID.
private final class EchoHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = Convd_V1_Response

    private let payload: Data

    init(payload: Data) { self.payload = payload }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard let request = try? Convd_V1_Request(serializedBytes: Array(frame.readableBytesView)) else {
            context.close(promise: nil)
            return
        }
        var response = Convd_V1_Response()
        response.callID = request.callID
        response.status = Status.ok.proto
        response.payload = payload
        context.write(wrapOutboundOut(response), promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) { context.flush() }
}
