import ConvdCore
import ConvdStore
import ConvdTestSupport
import Foundation
import GRDB
import Testing

/// A job alone in its transaction runs without the job savepoint, and `large` jobs never run in one
/// (they share a transaction only with each other): both must keep the savepoint's promises (a
/// failure leaves nothing, other jobs are applied exactly once). Real SQLite file, real writer thread.
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
                    try await storage.writer.write(large: flavour) { db in
                        try db.execute(sql: Self.insertSource, arguments: ["gone-\(flavour)-1"])
                        try db.execute(sql: Self.insertSource, arguments: ["gone-\(flavour)-2"])
                        throw ConvdError.aborted("fails after two inserts")
                    }
                }
                try await storage.writer.write(large: flavour) { db in try db.execute(sql: Self.insertSource, arguments: ["kept-\(flavour)"]) }
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

    /// Holds the writer inside one job while `writes` are queued in order, then lets it go.
    /// - Returns: each queued write's success, in order, and the writer's counters before and after.
    private static func whileHeld(_ storage: SQLiteStorage, _ writes: [@Sendable () async throws -> Void]) async throws
        -> (succeeded: [Bool], before: GroupCommitWriter.Counters, after: GroupCommitWriter.Counters) {
        let gate = DispatchSemaphore(value: 0)
        let holding = Collected<Void>()
        let blocker = Task { try await storage.writer.write { _ in holding.append(()); gate.wait() } }
        try await holding.wait(forCount: 1)
        let before = storage.writer.counters
        var tasks: [Task<Bool, Never>] = []
        for write in writes {
            let waiting = storage.writer.queuedWrites
            tasks.append(Task { do { try await write(); return true } catch { return false } })
            while storage.writer.queuedWrites == waiting { await Task.yield() }
        }
        gate.signal()
        try await blocker.value
        var succeeded: [Bool] = []
        for task in tasks { succeeded.append(await task.value) }
        return (succeeded, before, storage.writer.counters)
    }

    @Test func largeJobsShareATransactionAndOneThatFailsSendsEachOfThemAlone() async throws {
        try await GroupCommitWriterTests.withStorage { storage in
            func large(_ id: String, fails: Bool = false) -> @Sendable () async throws -> Void {
                {
                    try await storage.writer.write(large: true) { db in
                        try db.execute(sql: Self.insertSource, arguments: [id])
                        if fails { throw ConvdError.aborted("\(id) fails on purpose") }
                    }
                }
            }
            // Three large jobs that all succeed: one commit.
            let ok = try await Self.whileHeld(storage, [large("l-1"), large("l-2"), large("l-3")])
            #expect(ok.succeeded == [true, true, true])
            #expect(ok.after.batches - ok.before.batches == 2, "the held job's commit, then one for the three")
            #expect(ok.after.largestBatch == 3)
            // The middle one of three fails: the shared transaction is rolled back and each runs again
            // alone; the other two are stored once, the failed one not at all.
            let mixed = try await Self.whileHeld(storage, [large("m-1"), large("m-2", fails: true), large("m-3")])
            #expect(mixed.succeeded == [true, false, true])
            #expect(mixed.after.batches - mixed.before.batches == 3, "the held job's, then m-1's and m-3's own")
            let rows = try await storage.database.pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM source ORDER BY id") }
            #expect(rows == ["l-1", "l-2", "l-3", "m-1", "m-3"])
            // Five large jobs: four share a commit (maxLargeJobsPerCommit), the fifth has its own.
            let five = try await Self.whileHeld(storage, (1...5).map { large("f-\($0)") })
            #expect(five.succeeded == Array(repeating: true, count: 5))
            #expect(five.after.batches - five.before.batches == 3)
            #expect(GroupCommitWriter.maxLargeJobsPerCommit == 4)
        }
    }

    /// With a gather wait no test could outlast (a minute), so only arrivals end it.
    private static func withLongGather(_ body: @Sendable (SQLiteStorage) async throws -> Void) async throws {
        try await GroupCommitWriterTests.withStorage(configure: { $0.largeWriteGatherMs = 60_000 }, body)
    }

    /// Three large writes committed together, so the writer expects three next time.
    private static func shareThree(_ storage: SQLiteStorage, _ prefix: String) async throws {
        let three = try await whileHeld(storage, (1...3).map { i in
            { try await storage.writer.write(large: true) { db in try db.execute(sql: Self.insertSource, arguments: ["\(prefix)-\(i)"]) } }
        })
        #expect(three.succeeded == [true, true, true] && three.after.batches - three.before.batches == 2)
    }

    @Test func aLargeWriteWaitsForAsManyAsSharedTheLastLargeCommit() async throws {
        try await Self.withLongGather { storage in
            try await Self.shareThree(storage, "first")
            let before = storage.writer.counters
            // Resubmitted one by one, as writers answered together do: the first is held for the others.
            var tasks: [Task<Void, any Error>] = []
            for i in 1...3 {
                tasks.append(Task { try await storage.writer.write(large: true) { db in try db.execute(sql: Self.insertSource, arguments: ["again-\(i)"]) } })
                guard i < 3 else { break }  // the third completes the gather, which takes all three
                try await eventually { storage.writer.queuedWrites == i }
                // Time for a writer that did not wait to commit what it has.
                try await Task.sleep(for: .milliseconds(100))
                #expect(storage.writer.counters.batches == before.batches, "held for the others")
            }
            for task in tasks { try await task.value }
            #expect(storage.writer.counters.batches - before.batches == 1, "the three share one commit")
            #expect(try await Self.sources(storage).count == 6)
        }
    }

    @Test func aSmallWriteEndsTheWaitAndIsNotHeldByIt() async throws {
        try await Self.withLongGather { storage in
            try await Self.shareThree(storage, "first")
            let before = storage.writer.counters
            let large = Task { try await storage.writer.write(large: true) { db in try db.execute(sql: Self.insertSource, arguments: ["alone"]) } }
            try await eventually { storage.writer.queuedWrites == 1 }
            try await Task.sleep(for: .milliseconds(100))
            #expect(storage.writer.counters.batches == before.batches, "the large write is waiting for two more")
            // Well inside the minute the large write would otherwise wait.
            let small = Collected<Void>()
            let put = Task { _ = try await storage.putSource(Source(id: "small")); small.append(()) }
            try await small.wait(forCount: 1, atMost: .seconds(20))
            try await put.value
            try await large.value
            #expect(storage.writer.counters.batches - before.batches == 2, "the large write alone, then the small one")
            #expect(try await Self.sources(storage).isSuperset(of: ["alone", "small"]))
        }
    }

    @Test func aLoneWriterSendingLargeWritesOneAfterAnotherIsNeverHeldForItself() async throws {
        // One connection sending RecordBatches one after another: each was answered, and when its
        // next batch reached the queue before the writer counted it, the writer counted it twice
        // (answered and queued) and held it for a second writer that did not exist.
        try await GroupCommitWriterTests.withStorage(configure: { $0.largeWriteGatherMs = 200 }) { storage in
            let before = storage.writer.counters
            for i in 1...300 {
                try await storage.writer.write(large: true) { db in try db.execute(sql: Self.insertSource, arguments: ["one-\(i)"]) }
            }
            let after = storage.writer.counters
            #expect(after.gatherTimeouts == before.gatherTimeouts, "a lone writer's large write waited for others")
            #expect(after.batches - before.batches == 300)
            #expect(try await Self.sources(storage).count == 300)
        }
    }

    @Test func aLargeJobNeverSharesATransactionWithSmallOnes() async throws {
        try await GroupCommitWriterTests.withStorage { storage in
            // Queued in this order while the writer is held: 5 small, one large that fails, 5 small.
            let small: [@Sendable () async throws -> Void] = (0..<5).map { i in { _ = try await storage.putSource(Source(id: "a-\(i)")) } }
            let later: [@Sendable () async throws -> Void] = (0..<5).map { i in { _ = try await storage.putSource(Source(id: "b-\(i)")) } }
            let failing: @Sendable () async throws -> Void = {
                try await storage.writer.write(large: true) { db in
                    try db.execute(sql: Self.insertSource, arguments: ["large"])
                    throw ConvdError.aborted("on purpose")
                }
            }
            let run = try await Self.whileHeld(storage, small + [failing] + later)
            #expect(run.succeeded == Array(repeating: true, count: 5) + [false] + Array(repeating: true, count: 5))
            // The held job, the five before, the five after; the failed large job committed nothing.
            #expect(run.after.batches - run.before.batches == 3)
            #expect(run.after.largestBatch == 5)
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
            // 120 items, a large write; every 7th names a delivery that does not exist.
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
