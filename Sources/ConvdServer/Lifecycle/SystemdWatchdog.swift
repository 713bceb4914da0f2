import ConvdStore
import Logging
import ServiceLifecycle

/// Pings systemd's watchdog at half the interval it asked for, but only after a readiness check
/// passes (a commit through the writer): a daemon whose writer is stuck stops pinging and is
/// restarted, while a merely busy one keeps its place.
public final class SystemdWatchdog: Service, Sendable {
    private let notifier: SystemdNotifier
    private let interval: Duration
    private let storage: any ConvdStorage
    private let logger: Logger

    /// A watchdog pinging `notifier` every `interval` / 2 while `storage` commits.
    public init(notifier: SystemdNotifier, interval: Duration, storage: any ConvdStorage, logger: Logger) {
        self.notifier = notifier
        self.interval = interval
        self.storage = storage
        self.logger = logger
    }

    /// Pings until graceful shutdown.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await storage.probeCommit()
                notifier.notify("WATCHDOG=1")
            } catch {
                logger.warning("watchdog: the database cannot commit; not pinging", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval / 2) }
        }
    }
}
