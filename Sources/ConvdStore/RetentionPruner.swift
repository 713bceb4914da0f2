import ConvdCore
import Logging
import ServiceLifecycle

/// Deletes expired idempotency keys and old SENT forwards in the background, once an interval,
/// in small transactions between the calls' commits (see `SQLiteStorage.prune`).
public struct RetentionPruner: Service {
    let storage: any RetentionPruning
    let policy: RetentionPolicy
    let interval: Duration
    let clock: any WallClock
    let logger: Logger

    /// A pruner of `storage` under `policy`, every `interval` (the first pass right at start).
    public init(storage: any RetentionPruning, policy: RetentionPolicy, interval: Duration = .seconds(60), clock: any WallClock,
                logger: Logger) {
        self.storage = storage
        self.policy = policy
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    /// Prunes until graceful shutdown.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let pruned = try await storage.prune(policy, nowMs: clock.nowMs())
                if !pruned.isEmpty {
                    logger.info("pruned expired rows", metadata: [
                        "idempotency_keys": "\(pruned.idempotencyKeys)", "sent_forwards": "\(pruned.sentForwards)",
                        "forward_attempts": "\(pruned.forwardAttempts)",
                    ])
                }
            } catch {
                logger.warning("pruning failed; retrying next interval", metadata: ["error": "\(error.message)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }
}
