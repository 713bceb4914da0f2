import ConvdCore
import ConvdServer
import ConvdStore
import Logging
import ServiceLifecycle

/// The storage convd serves from, and the services that keep it: SQLite's single writer, WAL
/// checkpointer and pruner, or a PostgreSQL pool, which needs none of them.
struct StorageBackend {
    /// The storage every handler uses, whichever backend it is.
    let storage: any ConvdStorage
    /// Services to run beside the server (before it, so they stop after it).
    let services: [any Service]
    /// What `System/Info` and the ready line name: the file, or the URL with its password masked.
    let location: String
    /// Closes the database after the services stopped.
    let close: @Sendable () async throws -> Void

    /// Whether `spec` (a `--database` value) names a PostgreSQL database rather than a SQLite file.
    static func isPostgres(_ spec: String) -> Bool {
        spec.hasPrefix("postgres://") || spec.hasPrefix("postgresql://")
    }

    /// Opens PostgreSQL at `url` and migrates it.
    static func postgres(_ url: PostgresURL, clock: any WallClock, userAgent: String, idempotencyRetentionMs: Int64,
                         retention: RetentionPolicy, pruneInterval: Duration, logger: Logger) async throws -> StorageBackend {
        let storage = PostgresStorage(url: url, clock: clock, userAgent: userAgent, idempotencyRetentionMs: idempotencyRetentionMs,
                                      logger: logger)
        do {
            try await storage.migrate()
        } catch {
            await storage.close()  // postgres-nio requires its connections closed before they go
            throw error
        }
        logger.info("PostgreSQL storage at \(url.display), \(url.poolSize) connections")
        let pruner = RetentionPruner(storage: storage, policy: retention, interval: pruneInterval, clock: clock, logger: logger)
        return StorageBackend(storage: storage, services: [PostgresEventListener(url: url, storage: storage, logger: logger), pruner],
                              location: url.display, close: { await storage.close() })
    }
}
