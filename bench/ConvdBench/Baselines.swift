import ConvdCore
import ConvdStore
import Foundation
import GRDB
import GRDBSQLite
import Logging
import ServiceLifecycle

/// The two baselines measured in the same run as the socket load.
enum Baselines {
    /// (b) Raw SQLite, the physical limit: rows of the same shape and indexes as one recorded
    /// feedback (a conversion, its version, its event) inserted 100 feedbacks per transaction through
    /// SQLite's C API, on the same 16 deliveries as (a): without them the aggregate triggers find no
    /// delivery and skip the rows they write for the store (converted, converted_any, the source's
    /// statement).
    /// `perTransaction` 16 is the same rows in the largest commits 16 callers with one call in
    /// flight each can fill: the ceiling of (a), which commits what its callers have queued.
    static func rawSQLite(path: String, operations: Int, durability: Durability, perTransaction: Int = 100) async throws -> Measurement {
        _ = try await timedOnStore(path: path, durability: durability, deliveries: 16) { _ in }
        return try rawInserts(path: path, operations: operations, durability: durability, perTransaction: perTransaction)
    }

    /// (b)'s timed part: the raw inserts on the seeded database at `path`.
    private static func rawInserts(path: String, operations: Int, durability: Durability, perTransaction: Int) throws -> Measurement {
        let db = try ConvdDatabase(configuration: DatabaseConfiguration(path: path, durability: durability))
        defer { try? db.close() }
        let start = now()
        var done = 0
        while done < operations {
            let n = min(perTransaction, operations - done)
            let base = done
            try db.pool.write { db in
                // Statements prepared once and bound and stepped through SQLite's C API, as the
                // store's are: preparing compiles the aggregate triggers into each statement.
                let conversion = try db.cachedStatement(sql: """
                    INSERT INTO conversion (id, recipient_id, source_id, conversion_type, type_key, attribution_id, key_slot, event_id,
                      click_id, mode, status, reason, amount_minor, currency, fields, transaction_id, version, postback_count, test,
                      created_at_ms, updated_at_ms, occurred_at_ms, approved_minor, pending_minor, negative)
                    VALUES (?, 'crm-1', 'v-1', 'Lead', 'lead', ?, NULL, ?, '', 'CREATE_NEW', 'APPROVED', '', 1000, 'EUR', '{}', '', 1, 1, 0, ?, ?, ?,
                      1000, NULL, 0)
                    """).sqliteStatement
                let event = try db.cachedStatement(sql: """
                    INSERT INTO feedback_event (received_at_ms, input, outcome, error_kind, detail, conversion_id, recipient_id, source_id,
                      event_id, test, idempotency_key) VALUES (?, '{"feedback":{}}', 'CREATED', NULL, '', ?, 'crm-1', 'v-1', ?, 0, '')
                    """).sqliteStatement
                let version = try db.cachedStatement(sql: """
                    INSERT INTO conversion_version (conversion_id, version, status, reason, amount_minor, currency, fields, transaction_id,
                      postback_count, occurred_at_ms, recorded_at_ms, cause, actor, event_seq)
                    VALUES (?, 1, 'APPROVED', '', 1000, 'EUR', '{}', '', 1, ?, ?, 'CREATED', 'bench', ?)
                    """).sqliteStatement
                for i in base..<(base + n) {
                    let id = "cv-\(i)", delivery = "E\(i % 16)", at = Int64(i)
                    try step(conversion, db) { s in
                        _ = id.bind(to: s, at: 1); _ = delivery.bind(to: s, at: 2); _ = delivery.bind(to: s, at: 3)
                        _ = at.bind(to: s, at: 4); _ = at.bind(to: s, at: 5); _ = at.bind(to: s, at: 6)
                    }
                    try step(event, db) { s in _ = at.bind(to: s, at: 1); _ = id.bind(to: s, at: 2); _ = delivery.bind(to: s, at: 3) }
                    let seq = db.lastInsertedRowID
                    try step(version, db) { s in
                        _ = id.bind(to: s, at: 1); _ = at.bind(to: s, at: 2); _ = at.bind(to: s, at: 3); _ = seq.bind(to: s, at: 4)
                    }
                }
            }
            done += n
        }
        return Measurement(name: "(b) raw SQLite, \(perTransaction) per transaction", operations: operations, seconds: now() - start,
                           latenciesMicros: [])
    }

    /// Binds `statement`'s arguments with `bind` and steps it to its end.
    private static func step(_ statement: SQLiteStatement, _ db: Database, _ bind: (SQLiteStatement) -> Void) throws {
        sqlite3_reset(statement)
        bind(statement)
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage) }
    }

    /// (a) The store's own record-feedback path called in-process, with the same group commit
    /// and the same concurrency as the socket load, but no socket. - Returns: the measurement and its
    /// mean feedbacks per commit (callers answered by one commit prepare their next call while the
    /// writer commits the others', so 16 callers commit about 8 at a time, not 16).
    static func inProcessStore(path: String, operations: Int, concurrency: Int,
                               durability: Durability) async throws -> (Measurement, perCommit: Double) {
        let log = LatencyLog()
        let timed = try await timedOnStore(path: path, durability: durability, deliveries: concurrency) { storage in
            try await withThrowingTaskGroup(of: Void.self) { workers in
                for w in 0..<concurrency {
                    workers.addTask {
                        for _ in 0..<(operations / concurrency) {
                            let t = now()
                            _ = try await storage.recordFeedback(lead(w), idempotency: nil, actor: "bench")
                            log.add((now() - t) * 1e6)
                        }
                    }
                }
                try await workers.waitForAll()
            }
        }
        let done = operations / concurrency * concurrency
        let perCommit = Double(done) / Double(max(timed.commits, 1))
        return (Measurement(name: String(format: "(a) store in-process, %d concurrent, %.1f per commit", concurrency, perCommit),
                            operations: done, seconds: timed.seconds, latenciesMicros: log.all), perCommit)
    }

    /// (a') The store's path in-process with (b)'s transactions: RecordBatch of 100 feedbacks, one
    /// transaction each, one after another. Beside (b) it prices the store's own work per row
    /// (reads, rules, savepoints, Swift) without (a)'s smaller group commits, which cost fsyncs.
    static func inProcessBatches(path: String, operations: Int, durability: Durability) async throws -> Measurement {
        let timed = try await timedOnStore(path: path, durability: durability, deliveries: 16) { storage in
            var done = 0
            while done < operations {
                let items = (done..<min(done + 100, operations)).map { lead($0 % 16) }
                done += try await storage.recordFeedbackBatch(items, idempotency: nil, actor: "bench").count
            }
        }
        return Measurement(name: "(a') store in-process, RecordBatch of 100", operations: operations, seconds: timed.seconds,
                           latenciesMicros: [])
    }

    /// A Lead conversion of 10.00 EUR on delivery `E<n>`.
    static func lead(_ n: Int) -> FeedbackInput {
        FeedbackInput(target: .eventID("E\(n)"), kind: .conversion, conversionType: "Lead", amount: Money(amountMinor: 1000, currency: "EUR"))
    }

    /// Runs the store (writer and checkpointer) on a new database at `path` seeded with one recipient,
    /// one source and `deliveries` deliveries, and times `load` alone. - Returns: its seconds and
    /// the commits it took.
    static func timedOnStore(path: String, durability: Durability, deliveries: Int,
                             _ load: @escaping @Sendable (SQLiteStorage) async throws -> Void) async throws -> (seconds: Double, commits: UInt64) {
        let db = try ConvdDatabase(configuration: DatabaseConfiguration(path: path, durability: durability))
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let writer = GroupCommitWriter(database: db, logger: logger)
        let checkpointer = try WALCheckpointer(database: db, commits: writer.commits, logger: logger)
        let storage = SQLiteStorage(database: db, writer: writer, clock: SystemWallClock())
        let group = ServiceGroup(services: [writer, checkpointer], logger: logger)
        var elapsed = 0.0, commits: UInt64 = 0
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            _ = try await storage.putRecipient(Recipient(id: "crm-1"))
            _ = try await storage.putSource(Source(id: "v-1"))
            for i in 0..<deliveries {
                _ = try await storage.recordDelivery(Delivery(eventID: "E\(i)", recipientID: "crm-1", sourceID: "v-1"))
            }
            let start = now(), before = writer.counters.batches
            try await load(storage)
            elapsed = now() - start
            commits = writer.counters.batches - before
            await group.triggerGracefulShutdown()
            try await tasks.next()
        }
        try db.close()
        return (elapsed, commits)
    }
}
