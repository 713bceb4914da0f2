import ConvdCore
import ConvdStore
import ConvdTestSupport
import Foundation
import GRDB
import Testing

/// A job alone in its transaction runs without the job savepoint, and `alone` jobs get a
/// transaction of their own: both must keep the savepoint's promises (a failure leaves nothing,
/// other jobs are untouched). Real SQLite file, real writer thread.
struct LoneJobTests {
    private static let insertSource = "INSERT INTO source (id, name, labels, created_at_ms, updated_at_ms) VALUES (?, '', '{}', 0, 0)"

    private static func sources(_ storage: SQLiteStorage) async throws -> Set<String> {
        try await storage.database.pool.read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM source")) }
    }

    @Test func aFailingJobAloneInItsTransactionLeavesNothingAndTheNextWriteCommits() async throws {
        try await GroupCommitWriterTests.withStorage { storage in
            // One write at a time, so each is alone in its transaction.
            for flavour in [false, true] {
                await #expect(throws: ConvdError.aborted("fails after two inserts")) {
                    try await storage.writer.write(alone: flavour) { db in
                        try db.execute(sql: Self.insertSource, arguments: ["gone-\(flavour)-1"])
                        try db.execute(sql: Self.insertSource, arguments: ["gone-\(flavour)-2"])
                        throw ConvdError.aborted("fails after two inserts")
                    }
                }
                try await storage.writer.write(alone: flavour) { db in try db.execute(sql: Self.insertSource, arguments: ["kept-\(flavour)"]) }
            }
            #expect(try await Self.sources(storage) == ["kept-false", "kept-true"])
            // A constraint error from SQLite itself rolls back the same way.
            await #expect(throws: ConvdError.self) {
                try await storage.writer.write { db in
                    try db.execute(sql: Self.insertSource, arguments: ["half"])
                    try db.execute(sql: Self.insertSource, arguments: ["kept-true"])
                }
            }
            #expect(try await Self.sources(storage) == ["kept-false", "kept-true"])
        }
    }

    @Test func anAloneJobGetsATransactionOfItsOwnBetweenTheQueuedOnes() async throws {
        try await GroupCommitWriterTests.withStorage { storage in
            let gate = DispatchSemaphore(value: 0)
            let holding = Collected<Void>()
            let blocker = Task { try await storage.writer.write { _ in holding.append(()); gate.wait() } }
            try await holding.wait(forCount: 1)
            let before = storage.writer.counters
            // Queued in this order while the writer is held: 5, one alone that fails, 5 more.
            var tasks: [Task<Bool, Never>] = []
            func queue(_ write: @escaping @Sendable () async throws -> Void) async {
                let waiting = storage.writer.queuedWrites
                tasks.append(Task { do { try await write(); return true } catch { return false } })
                while storage.writer.queuedWrites == waiting { await Task.yield() }
            }
            for i in 0..<5 { await queue { _ = try await storage.putSource(Source(id: "a-\(i)")) } }
            await queue {
                try await storage.writer.write(alone: true) { db in
                    try db.execute(sql: Self.insertSource, arguments: ["alone"])
                    throw ConvdError.aborted("on purpose")
                }
            }
            for i in 0..<5 { await queue { _ = try await storage.putSource(Source(id: "b-\(i)")) } }
            gate.signal()
            try await blocker.value
            var succeeded: [Bool] = []
            for task in tasks { succeeded.append(await task.value) }
            #expect(succeeded == Array(repeating: true, count: 5) + [false] + Array(repeating: true, count: 5))
            let after = storage.writer.counters
            // The held job, the five before, the five after; the failed lone job committed nothing.
            #expect(after.batches - before.batches == 3)
            #expect(after.largestBatch == 5)
            let expected = Set((0..<5).map { "a-\($0)" } + (0..<5).map { "b-\($0)" })
            #expect(try await Self.sources(storage) == expected)
        }
    }

    @Test func aLargeRecordBatchKeepsEachItemsOwnFate() async throws {
        try await GroupCommitWriterTests.withStorage { storage in
            _ = try await storage.putRecipient(Recipient(id: "crm-1"))
            _ = try await storage.putSource(Source(id: "v-1"))
            for i in 0..<120 where i % 7 != 0 {
                _ = try await storage.recordDelivery(Delivery(eventID: "E\(i)", recipientID: "crm-1", sourceID: "v-1"), idempotency: nil)
            }
            // 120 items, over the size that runs alone; every 7th names a delivery that does not exist.
            let items = (0..<120).map { n in
                FeedbackInput(target: .eventID(n % 7 == 0 ? "missing-\(n)" : "E\(n)"), kind: .conversion,
                              conversionType: "Lead", amount: Money(amountMinor: 100, currency: "EUR"))
            }
            let results = try await storage.recordFeedbackBatch(items, idempotency: nil, actor: "test")
            let failed = results.indices.filter { results[$0].error != nil }
            #expect(failed == items.indices.filter { $0 % 7 == 0 })
            let stored = try await storage.database.pool.read { db in
                Set(try String.fetchAll(db, sql: "SELECT event_id FROM conversion"))
            }
            #expect(stored == Set(items.indices.filter { $0 % 7 != 0 }.map { "E\($0)" }))
        }
    }
}
