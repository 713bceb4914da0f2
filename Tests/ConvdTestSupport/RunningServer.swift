import AsyncHTTPClient
import ConvdClient
import ConvdCore
import ConvdServer
import ConvdStore
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// What a test sees of a running `TestServer`.
public struct RunningServer: Sendable {
    /// Where it listens.
    public let socketPath: String
    /// Its storage, for checking what was written.
    public let storage: SQLiteStorage
    /// Its connections and counters.
    public let activity: ServerActivity
    /// Its forwarding worker, for counting its outbox reads.
    public let forwarder: ForwardingWorker

    /// A new client connection to it.
    public func client() async throws -> ConvdClient {
        // Tests check the server's own answers, so the client waits for them however loaded the
        // machine is (its local deadline, 500 ms past the server's by default, is for hung servers).
        try await ConvdClient.connect(socketPath: socketPath, localDeadlineGrace: .seconds(120))
    }
}
