import ConvdCore
import Dispatch
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// One PostgreSQL connection and the serial queue its transactions run on. The feedback recorder
/// is synchronous (SQLite's writer runs it on its own thread), so a PostgreSQL transaction runs it
/// on this queue, blocking the queue's thread, never an event loop or the task pool, on each statement.
final class PostgresSession: Sendable {
    let queue: DispatchQueue
    private let configuration: PostgresConnection.Configuration
    private let connection: Mutex<PostgresConnection?>
    private let logger: Logger
    private let id: Int

    init(id: Int, configuration: PostgresConnection.Configuration, logger: Logger) {
        self.id = id
        self.configuration = configuration
        self.logger = logger
        self.queue = DispatchQueue(label: "convd.postgres.\(id)")
        self.connection = Mutex(nil)
    }

    /// The open connection, connecting (again, after a drop) when needed. Only on `queue`.
    func open() throws -> PostgresConnection {
        if let c = connection.withLock({ $0 }), !c.isClosed { return c }
        let c = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                                               id: id, logger: logger).wait()
        connection.withLock { $0 = c }
        return c
    }

    /// Runs `sql` and returns its rows, blocking this queue's thread. Only on `queue`.
    func rows(_ sql: String, _ binds: [PostgresBind]) throws -> [PostgresRandomAccessRow] {
        let c = try open()
        let query = PostgresQuery(unsafeSQL: sql, binds: PostgresBind.bindings(binds))
        let logger = self.logger
        return try Self.blocking { try await c.query(query, logger: logger).collect() }.map(PostgresRandomAccessRow.init)
    }

    /// Closes the connection.
    func close() async {
        let c = connection.withLock { c in defer { c = nil }; return c }
        try? await c?.close()
    }

    /// Waits on this (non-pool) thread for an async call to postgres-nio.
    private static func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let r: Result<T, any Error>
            do { r = .success(try await work()) } catch { r = .failure(error) }
            outcome.withLock { $0 = r }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }
}
