import ConvdCore
import GRDB
import Logging
import ServiceLifecycle

/// Checkpoints the WAL off the write path. SQLite's automatic checkpoint runs inside the commit
/// that crosses the threshold and stalls that batch for milliseconds; it was most of convd's p99.
/// So the writer never checkpoints (wal_autocheckpoint = 0) and this service runs PASSIVE
/// checkpoints from its own connection, which never block the writer or the readers.
public final class WALCheckpointer: Service, Sendable {
    private let connection: DatabaseQueue
    private let interval: Duration
    private let logger: Logger

    /// A checkpointer for `database`, every `interval`.
    /// - Throws: `unavailable` when the file cannot be opened.
    public init(database: ConvdDatabase, interval: Duration = .seconds(5), logger: Logger) throws(ConvdError) {
        var config = Configuration()
        config.busyMode = .timeout(Double(database.configuration.busyTimeoutMs) / 1000)
        config.label = "convd-checkpointer"
        do {
            connection = try DatabaseQueue(path: database.configuration.path, configuration: config)
        } catch {
            throw StoreErrorMapping.map(error, context: "opening the checkpointer")
        }
        self.interval = interval
        self.logger = logger
    }

    /// Checkpoints once. - Returns: frames in the WAL and frames now copied into the database.
    @discardableResult
    public func checkpoint() async throws -> (walFrames: Int, checkpointed: Int) {
        try await connection.writeWithoutTransaction { db in
            let r = try db.checkpoint(.passive)
            return (r.walFrameCount, r.checkpointedFrameCount)
        }
    }

    /// Checkpoints every interval until graceful shutdown (the database's close truncates the WAL).
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await checkpoint()
            } catch {
                logger.warning("WAL checkpoint failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
        try? connection.close()
    }
}
