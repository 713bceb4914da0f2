import ConvdCore
import ConvdStore
import ConvdTestSupport
import GRDB
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The writer never checkpoints; the checkpointer does, without blocking writes. And the WAL stays
/// bounded under writes and reads that never pause, where PASSIVE checkpoints alone let it grow
/// without end (a reader always holds an older snapshot).
struct WALCheckpointerTests {
    /// Runs `body` on a fresh database configured by `configure`, its writer running and a
    /// checkpointer every `interval`: running as a service on the writer's commits when `running`,
    /// otherwise only when `body` calls it.
    static func withCheckpointer(_ configure: (inout DatabaseConfiguration) -> Void = { _ in }, interval: Duration,
                                 running: Bool,
                                 _ body: @Sendable (ConvdDatabase, GroupCommitWriter, WALCheckpointer) async throws -> Void) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var config = DatabaseConfiguration(path: dir.file("c.sqlite"), durability: .normal)
        configure(&config)
        let db = try ConvdDatabase(configuration: config)
        let logger = Logger(label: "test")
        let writer = GroupCommitWriter(database: db, logger: logger)
        let checkpointer = try WALCheckpointer(database: db, interval: interval, commits: running ? writer.commits : nil, logger: logger)
        let group = ServiceGroup(services: running ? [writer, checkpointer] : [writer], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let result: Result<Void, any Error>
            do { result = .success(try await body(db, writer, checkpointer)) } catch { result = .failure(error) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            try result.get()
        }
        try db.close()
    }

    @Test func writesLeaveTheWALToTheCheckpointerWhichCopiesItIntoTheDatabase() async throws {
        try await Self.withCheckpointer({ $0.durability = .full }, interval: .seconds(3600), running: false) { db, writer, checkpointer in
            let storage = SQLiteStorage(database: db, writer: writer, clock: SystemWallClock())
            // Well past SQLite's default auto-checkpoint of 1000 pages.
            for i in 0..<3000 { _ = try await storage.putSource(Source(id: "s-\(i)", labels: ["pad": String(repeating: "x", count: 200)])) }
            let (walFrames, checkpointed) = try await checkpointer.checkpoint()
            #expect(walFrames > 1000)  // nothing checkpointed on the write path
            #expect(checkpointed == walFrames)
            #expect(try await storage.listSources(after: nil, limit: 5000, includeArchived: false).count == 3000)
        }
    }

    @Test func theCheckpointerCopiesEachQuarterOfTheBoundAsTheWriterFillsIt() async throws {
        // An interval no test outlasts: after the first commit's pass, only the WAL's growth starts one.
        try await Self.withCheckpointer({ $0.walLimitBytes = 4 << 20 }, interval: .seconds(3600), running: true) { db, writer, checkpointer in
            _ = try await writer.write { db in try db.execute(sql: "CREATE TABLE blob (b BLOB NOT NULL)") }
            // Commits until the checkpointer, subscribed to them once it runs, has seen one: its
            // first pass, for the interval.
            try await eventually {
                _ = try await writer.write { db in try db.execute(sql: "INSERT INTO blob (b) VALUES (x'00')") }
                return checkpointer.passes >= 1
            }
            // The count follows each commit: the frames the next pass finds, none written between.
            _ = try await writer.write { db in try db.execute(sql: "INSERT INTO blob (b) VALUES (zeroblob(4096))") }
            let counted = db.walFrames.value
            #expect(counted > 0)
            #expect(try await checkpointer.checkpoint().walFrames == counted)
            let before = checkpointer.passes
            // 48 writes of 64 KiB: about 820 frames, 3.4 MB, and the WAL stays under the 4 MiB bound
            // the old trigger waited for even if it never starts over; a quarter of the bound is 254
            // frames, so two passes at least (three when each pass is done before the writer has
            // appended the next quarter).
            var largest = 0
            for _ in 0..<48 {
                _ = try await writer.write { db in try db.execute(sql: "INSERT INTO blob (b) VALUES (zeroblob(65536))") }
                largest = max(largest, checkpointer.walBytes)
            }
            #expect(largest <= 4 << 20, "the bound was never reached, so it was not what started the passes")
            try await eventually { checkpointer.passes - before >= 2 }
        }
    }

    /// `walCheckpointSteps` divides the bound into the passes: 4 by default, 1 for a single pass
    /// once the whole bound is full (bulk loads).
    @Test func theStepsSettingDividesTheBoundIntoPasses() async throws {
        for (steps, expected) in [(nil, 4), (1, 1), (8, 8)] as [(Int?, Int)] {
            try await Self.withCheckpointer({ c in
                c.walLimitBytes = 4 << 20
                if let steps { c.walCheckpointSteps = steps }
            }, interval: .seconds(3600), running: false) { db, _, checkpointer in
                let frameBytes = try await db.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_size") ?? 0 } + 24
                #expect(checkpointer.framesPerPass == (4 << 20) / frameBytes / expected, "\(steps.map(String.init) ?? "default") steps")
            }
        }
    }

    @Test func theWALStaysBoundedUnderNonStopWritesAndReads() async throws {
        let limit = 1 << 20
        let largest = Mutex(0)
        let written = 96 << 20
        try await Self.withCheckpointer({ $0.walLimitBytes = limit }, interval: .milliseconds(50), running: true) { db, writer, checkpointer in
            _ = try await writer.write { db in try db.execute(sql: "CREATE TABLE blob (b BLOB NOT NULL)") }
            let reading = Task {
                while !Task.isCancelled {
                    _ = try await db.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM blob") }
                }
            }
            for _ in 0..<(written / (64 << 10)) {  // 64 KiB a write, 96 MiB in all
                _ = try await writer.write { db in
                    try db.execute(sql: "INSERT INTO blob (b) VALUES (zeroblob(65536))")
                }
                largest.withLock { $0 = max($0, checkpointer.walBytes) }
            }
            reading.cancel()
            _ = await reading.result
        }
        let peak = largest.withLock { $0 }
        print("WAL: peak \(peak) bytes while \(written) bytes were written, limit \(limit)")
        // The limit plus what the writes of one checkpoint interval add; far below what was written.
        #expect(peak < written / 4)
    }
}
