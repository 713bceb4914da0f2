import ConvdCore
import ConvdStore
import ConvdTestSupport
import Foundation
import GRDB
import Logging
import ServiceLifecycle
import Testing

/// A real SQLite file, the real writer running as a service.
struct GroupCommitWriterTests {
    /// Runs `body` with a storage whose writer is running, on a fresh database file set up by
    /// `configure` and read by `clock`.
    static func withStorage<T: Sendable>(configure: (inout DatabaseConfiguration) -> Void = { _ in },
                                         clock: any WallClock = SystemWallClock(),
                                         _ body: @Sendable (SQLiteStorage) async throws -> T) async throws -> T {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var configuration = DatabaseConfiguration(path: dir.file("t.sqlite"))
        configure(&configuration)
        let db = try ConvdDatabase(configuration: configuration)
        let logger = Logger(label: "test")
        let writer = GroupCommitWriter(database: db, logger: logger)
        let storage = SQLiteStorage(database: db, writer: writer, clock: clock)
        let group = ServiceGroup(services: [writer], logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask { try await group.run(); return nil }
            let result: Result<T, any Error>
            do { result = .success(try await body(storage)) } catch { result = .failure(error) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            try db.close()
            return try result.get()
        }
    }

    @Test func migrationsFromEmptyApplyEveryMigrationAndCreateTheTables() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // Given an empty file, when opened, then every known migration is applied in order.
        let db = try ConvdDatabase(configuration: DatabaseConfiguration(path: dir.file("m.sqlite")))
        #expect(try db.appliedMigrations() == ConvdMigrations.names)
        let tables = try await db.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(Set(["recipient", "source", "delivery"]).isSubset(of: Set(tables)))
        let journal = try await db.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        let sync = try await db.pool.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(sync == 2)  // FULL
        try db.close()
        // And opening it again applies nothing twice.
        let again = try ConvdDatabase(configuration: DatabaseConfiguration(path: dir.file("m.sqlite")))
        #expect(try again.appliedMigrations() == ConvdMigrations.names)
        try again.close()
    }

    @Test func theMigrationObserverHearsWhatIsAboutToBeAppliedAndNothingWhenCurrent() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/convd-v11.sqlite").path
        try FileManager.default.copyItem(atPath: fixture, toPath: dir.file("v11.sqlite"))
        let heard = Collected<[String]>()
        for path in [dir.file("v11.sqlite"), dir.file("v11.sqlite"), dir.file("new.sqlite")] {
            var config = DatabaseConfiguration(path: path)
            config.migrationObserver = { heard.append($0) }
            try ConvdDatabase(configuration: config).close()
        }
        // The v11 file once (the second open has nothing to apply), then every migration for a new one.
        #expect(heard.values == [Array(ConvdMigrations.names.suffix(from: 11)), ConvdMigrations.names])
        #expect(ConvdMigrations.names[11] == "v12-transaction-key")
    }

    @Test func thirtyTwoConcurrentWritersLoseAndDuplicateNothing() async throws {
        let perWriter = 25
        try await Self.withStorage { storage in
            // When 32 tasks write at once, each an insert that must land exactly once...
            try await withThrowingTaskGroup(of: Void.self) { group in
                for w in 0..<32 {
                    group.addTask {
                        for i in 0..<perWriter {
                            _ = try await storage.putRecipient(Recipient(id: "r-\(w)-\(i)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            // ...then every row is there once.
            let rows = try await storage.database.pool.read { db in
                try String.fetchAll(db, sql: "SELECT id FROM recipient")
            }
            #expect(rows.count == 32 * perWriter)
            #expect(Set(rows).count == rows.count)
            #expect(storage.writer.counters.jobs == UInt64(32 * perWriter))
        }
    }

    @Test func writesQueuedWhileTheWriterIsBusyShareOneCommit() async throws {
        try await Self.withStorage { storage in
            // The writer is held inside one job, so the next 31 writes must queue; how fast the
            // machine is decides nothing.
            let gate = DispatchSemaphore(value: 0)
            let holding = Collected<Void>()
            let blocker = Task {
                try await storage.writer.write { _ in
                    holding.append(())
                    gate.wait()
                }
            }
            try await holding.wait(forCount: 1)
            let before = storage.writer.counters
            let writers = (0..<31).map { i in Task { _ = try await storage.putRecipient(Recipient(id: "q-\(i)")) } }
            while storage.writer.queuedWrites < 31 { await Task.yield() }
            gate.signal()
            try await blocker.value
            for writer in writers { try await writer.value }
            let after = storage.writer.counters
            #expect(after.jobs - before.jobs == 32)
            #expect(after.batches - before.batches == 2, "the held job's commit, then one for all 31 queued")
            #expect(after.largestBatch == 31)
            let count = try await storage.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM recipient") }
            #expect(count == 31)
        }
    }

    @Test func aFailingWriteRollsBackOnlyItsOwnSavepoint() async throws {
        try await Self.withStorage { storage in
            let results = await withTaskGroup(of: (Int, Bool).self) { group in
                for i in 0..<40 {
                    group.addTask {
                        do {
                            try await storage.writer.write { db in
                                try db.execute(sql: "INSERT INTO source (id, name, labels, created_at_ms, updated_at_ms) VALUES (?, '', '{}', 0, 0)",
                                               arguments: ["s-\(i)"])
                                if i % 4 == 0 { throw ConvdError.aborted("write \(i) fails on purpose") }
                            }
                            return (i, true)
                        } catch {
                            #expect(error as? ConvdError == .aborted("write \(i) fails on purpose"))
                            return (i, false)
                        }
                    }
                }
                var all: [(Int, Bool)] = []
                for await r in group { all.append(r) }
                return all
            }
            let ok = Set(results.filter(\.1).map { "s-\($0.0)" })
            let stored = try await storage.database.pool.read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM source")) }
            #expect(ok.count == 30)
            #expect(stored == ok)
        }
    }

    @Test func putKeepsCreatedAtAndDeleteArchivesWhatHasHistory() async throws {
        try await Self.withStorage { storage in
            let put1 = try await storage.putRecipient(Recipient(id: "crm-1", name: "One"))
            let (first, created) = (put1.value, put1.created)
            #expect(created)
            let put2 = try await storage.putRecipient(Recipient(id: "crm-1", name: "Uno"))
            let (second, createdAgain) = (put2.value, put2.created)
            #expect(!createdAgain)
            #expect(second.createdAtMs == first.createdAtMs)
            #expect(try await storage.recipient(id: "crm-1").name == "Uno")
            _ = try await storage.putSource(Source(id: "v-1"))
            try await storage.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO delivery (event_id, recipient_id, source_id, click_id, lead, test, delivered_at_ms, recorded_at_ms)
                    VALUES ('e1', 'crm-1', 'v-1', '', '{}', 0, 0, 0)
                    """)
            }
            // With a delivery it is archived, never erased: the delivery stays.
            #expect(try await storage.deleteRecipient(id: "crm-1", idempotency: nil) == DeleteResult(archived: true))
            #expect(try await storage.recipient(id: "crm-1").archivedAtMs > 0)
            #expect(try await storage.delivery(eventID: "e1").recipientID == "crm-1")
            #expect(try await storage.listRecipients(after: nil, limit: 10, includeArchived: false).isEmpty)
            #expect(try await storage.listRecipients(after: nil, limit: 10, includeArchived: true).map(\.id) == ["crm-1"])
            // Without history it is deleted.
            _ = try await storage.putRecipient(Recipient(id: "crm-2"))
            #expect(try await storage.deleteRecipient(id: "crm-2", idempotency: nil) == DeleteResult(archived: false))
            await #expect(throws: ConvdError.notFound("no recipient 'crm-2'")) { _ = try await storage.recipient(id: "crm-2") }
            await #expect(throws: ConvdError.notFound("no recipient 'crm-2'")) { _ = try await storage.deleteRecipient(id: "crm-2", idempotency: nil) }
        }
    }

    @Test func listPagesInIdOrder() async throws {
        try await Self.withStorage { storage in
            for id in ["c", "a", "b", "d"] { _ = try await storage.putSource(Source(id: id)) }
            #expect(try await storage.listSources(after: nil, limit: 2, includeArchived: false).map(\.id) == ["a", "b"])
            #expect(try await storage.listSources(after: "b", limit: 2, includeArchived: false).map(\.id) == ["c", "d"])
            #expect(try await storage.listSources(after: "d", limit: 2, includeArchived: false).isEmpty)
        }
    }
}
