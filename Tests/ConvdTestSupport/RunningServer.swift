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
    public let storage: any ConvdStorage
    /// Its SQLite storage, nil on PostgreSQL.
    let sqliteStorage: SQLiteStorage?

    /// Its SQLite storage, for tests of SQLite's internals (its writer, its file).
    /// - Throws: on PostgreSQL, where such a test must not run (`TestBackend.isSQLite`).
    public func sqlite() throws -> SQLiteStorage {
        guard let sqliteStorage else { throw SQLiteOnly() }
        return sqliteStorage
    }

    /// Raw SQL in its PostgreSQL schema, nil on SQLite.
    public let postgres: PostgresShell?

    /// Runs `sql` (literal values, no bindings: the same text must run on both backends) straight
    /// on its database, outside convd: to plant what no call can write.
    public func execute(_ sql: String) throws {
        if let postgres {
            try postgres.run(sql)
        } else {
            try sqlite().database.pool.write { try $0.execute(sql: sql) }
        }
    }

    /// A test of SQLite's internals ran on PostgreSQL.
    public struct SQLiteOnly: Error, CustomStringConvertible {
        /// Why.
        public var description: String { "this test reads SQLite's internals; mark it .enabled(if: TestBackend.isSQLite)" }
    }
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
