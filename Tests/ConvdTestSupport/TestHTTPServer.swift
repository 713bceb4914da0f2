import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 for forwarding tests: it records every request and
/// answers each as a script says (a status and body, or never).
public final class TestHTTPServer: Sendable {
    /// One request as received.
    public struct Received: Sendable, Equatable {
        public var method: String
        public var uri: String
        public var headers: [String: String]
        public var body: String
    }

    /// How to answer a request.
    public enum Reply: Sendable {
        /// This status and body.
        case status(Int, body: String = "")
        /// No answer at all: the client's timeout must fire.
        case hang
    }

    private let script: @Sendable (Received, Int) -> Reply
    private let log = Mutex<[Received]>([])
    private let channel = Mutex<(any Channel)?>(nil)

    /// A server answering request number n (0-based) with `script(request, n)`.
    public init(script: @escaping @Sendable (Received, Int) -> Reply) {
        self.script = script
    }

    /// Starts listening on an ephemeral port. - Returns: the base URL, e.g. `http://127.0.0.1:41234`.
    public func start() async throws -> String {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
        let ch = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        channel.withLock { $0 = ch }
        return "http://127.0.0.1:\(ch.localAddress!.port!)"
    }

    /// Stops listening.
    public func stop() async {
        try? await channel.withLock { $0 }?.close()
    }

    /// Every request received so far, in order.
    public var received: [Received] { log.withLock { $0 } }

    fileprivate func handle(_ r: Received) -> Reply {
        let n = log.withLock { l in
            l.append(r)
            return l.count - 1
        }
        return script(r, n)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let server: TestHTTPServer
        var head: HTTPRequestHead?
        var body = ByteBuffer()

        init(server: TestHTTPServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h):
                head = h
                body.clear()
            case .body(var b):
                body.writeBuffer(&b)
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let received = Received(method: head.method.rawValue, uri: head.uri, headers: headers,
                                        body: String(decoding: body.readableBytesView, as: UTF8.self))
                switch server.handle(received) {
                case .hang:
                    return
                case .status(let code, let text):
                    var h = HTTPHeaders()
                    h.add(name: "Content-Length", value: "\(text.utf8.count)")
                    context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: code), headers: h))),
                                  promise: nil)
                    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
                    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                }
            }
        }
    }
}
