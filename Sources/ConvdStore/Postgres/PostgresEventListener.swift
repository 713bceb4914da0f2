import ConvdCore
import Logging
import NIOPosix
import PostgresNIO
import ServiceLifecycle

/// Wakes this daemon's watchers and forwarding worker when any daemon on the database commits
/// feedback: every such transaction sends `NOTIFY convd_events` (delivered at its commit), with
/// the payload `forwards` too when it queued forwards, and this service LISTENs on a connection of
/// its own. If the connection drops it reconnects; the
/// watchers' once-a-second read of the newest seq covers the gap, so a lost wake-up costs latency,
/// never an event.
public struct PostgresEventListener: Service {
    /// The channel commits notify.
    static let channel = "convd_events"
    /// The payload of a commit that queued forwards (or retried dead ones); an event's is empty.
    static let forwardsPayload = "forwards"
    private let url: PostgresURL
    private let notifier: EventNotifier
    private let forwardsNotifier: EventNotifier
    private let logger: Logger

    /// A listener for `storage`'s database, waking its notifier.
    public init(url: PostgresURL, storage: PostgresStorage, logger: Logger) {
        self.url = url
        self.notifier = storage.notifier
        self.forwardsNotifier = storage.forwardsNotifier
        self.logger = logger
    }

    /// Listens until graceful shutdown, reconnecting after a drop.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(
                        on: MultiThreadedEventLoopGroup.singleton.any(), configuration: url.configuration, id: 1_000_000, logger: logger
                    ).get()
                    defer { Task { try? await connection.close() } }
                    try await connection.listen(on: Self.channel) { notifications in
                        // Whatever committed while it was not listening may have queued forwards.
                        notifier.notify()
                        forwardsNotifier.notify()
                        for try await notification in notifications {
                            if notification.payload == Self.forwardsPayload {
                                forwardsNotifier.notify()
                            } else {
                                notifier.notify()
                            }
                        }
                    }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("PostgreSQL LISTEN connection lost; reconnecting", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: .seconds(1))
            }
        }
    }
}
