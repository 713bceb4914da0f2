import ConvdStore
import NIOCore
import NIOHTTP1

/// Answers `GET /metrics` with the Prometheus text and anything else with 404 (405 for a non-GET).
final class MetricsHTTPHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let activity: ServerActivity
    private let storage: any ConvdStorage

    init(activity: ServerActivity, storage: any ConvdStorage) {
        self.activity = activity
        self.storage = storage
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let keepAlive = head.isKeepAlive
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        guard head.method == .GET else { return respond(context, .methodNotAllowed, "only GET\n", keepAlive: keepAlive) }
        guard head.uri == "/metrics" || head.uri.hasPrefix("/metrics?") else {
            return respond(context, .notFound, "convd serves /metrics only\n", keepAlive: keepAlive)
        }
        let activity = self.activity, storage = self.storage
        Task {
            let result: Result<String, any Error>
            do { result = .success(try await SystemService.exposition(activity: activity, storage: storage)) } catch { result = .failure(error) }
            loop.execute {
                let (handler, context) = bound.value
                switch result {
                case .success(let text): handler.respond(context, .ok, text, keepAlive: keepAlive)
                case .failure(let error): handler.respond(context, .internalServerError, "metrics unavailable: \(error)\n", keepAlive: keepAlive)
                }
            }
        }
    }

    private func respond(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ body: String, keepAlive: Bool) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: status == .ok ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: "\(body.utf8.count)")
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
