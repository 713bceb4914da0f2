import ConvdCore
import ConvdStore
import Foundation
import Logging
import ServiceLifecycle

/// The storage backend the server tests run on: SQLite always; PostgreSQL when
/// `CONVD_TEST_POSTGRES` holds a URL (CI sets it and runs the conformance suites a second time),
/// each `TestServer` in a schema of its own.
public enum TestBackend {
    /// The PostgreSQL URL the tests run against, nil for SQLite.
    public static let postgresURL: String? = ProcessInfo.processInfo.environment["CONVD_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether the tests run on SQLite (tests of SQLite-only features and internals check this).
    public static var isSQLite: Bool { postgresURL == nil }

    /// A fresh schema name, so each test server starts from an empty database.
    public static func freshSchema() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
    }

    /// `base` with `schema` (and any other query items) added.
    public static func url(_ base: String, adding items: [String: String]) -> String {
        var c = URLComponents(string: base) ?? URLComponents()
        c.queryItems = (c.queryItems ?? []) + items.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return c.string ?? base
    }

    /// The storage for one test server, the services that keep it, and how to close it.
    static func open(databasePath: String, clock: any WallClock, logger: Logger) async throws
        -> (storage: any ConvdStorage, sqlite: SQLiteStorage?, postgres: PostgresShell?, services: [any Service],
            close: @Sendable () async throws -> Void) {
        if let postgresURL {
            let schema = freshSchema()
            let url = try PostgresURL(self.url(postgresURL, adding: ["schema": schema, "pool_size": "8"]))
            let storage = PostgresStorage(url: url, clock: clock, userAgent: "convd/test", logger: logger)
            do {
                try await storage.migrate()
            } catch {
                await storage.close()  // postgres-nio requires its connections closed before they go
                throw error
            }
            return (storage, nil, PostgresShell(url: postgresURL, schema: schema), [], { await storage.close() })
        }
        let db = try ConvdDatabase(configuration: DatabaseConfiguration(path: databasePath))
        let writer = GroupCommitWriter(database: db, logger: logger)
        let checkpointer = try WALCheckpointer(database: db, interval: .milliseconds(100), commits: writer.commits, logger: logger)
        let storage = SQLiteStorage(database: db, writer: writer, clock: clock, userAgent: "convd/test")
        return (storage, storage, nil, [writer, checkpointer], { try db.close() })
    }
}
