import ConvdStore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// The optional Prometheus endpoint: `GET /metrics` on a loopback address (`--metrics-listen
/// 127.0.0.1:9464`), answering the same text as `System/Metrics`. Loopback only, because the
/// socket's peer credentials, convd's only authentication, do not exist over TCP.
public final class MetricsHTTPListener: Service, Sendable {
    /// Why an address was refused.
    public struct AddressError: Error, CustomStringConvertible {
        /// What is wrong with it.
        public var description: String
    }

    private let host: String
    private let port: Int
    private let activity: ServerActivity
    private let storage: any ConvdStorage
    private let group: any EventLoopGroup
    private let logger: Logger

    /// The host and port of `address` ("127.0.0.1:9464", "[::1]:9464" or "localhost:9464").
    /// - Throws: `AddressError` for a malformed or non-loopback address.
    public static func parse(_ address: String) throws -> (host: String, port: Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),  // no-trap: a parse
              (0...65_535).contains(port) else {
            throw AddressError(description: "--metrics-listen: '\(address)' is not HOST:PORT")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard host == "localhost" || host == "::1" || host.hasPrefix("127.") else {
            throw AddressError(description: "--metrics-listen: '\(host)' is not a loopback address (127.0.0.0/8, ::1 or localhost)")
        }
        return (host, port)
    }

    /// A listener on `host`:`port` (from `parse`; port 0 picks one, which the log line names).
    public init(host: String, port: Int, activity: ServerActivity, storage: any ConvdStorage,
                group: any EventLoopGroup, logger: Logger) {
        self.host = host
        self.port = port
        self.activity = activity
        self.storage = storage
        self.group = group
        self.logger = logger
    }

    /// Serves until graceful shutdown.
    public func run() async throws {
        let activity = self.activity, storage = self.storage
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(activity: activity, storage: storage))
                }
            }
            .bind(host: host, port: port).get()
        logger.info("metrics on http://\(host):\(channel.localAddress?.port ?? port)/metrics")
        await withGracefulShutdownHandler {
            try? await channel.closeFuture.get()
        } onGracefulShutdown: {
            channel.close(promise: nil)
        }
    }
}
