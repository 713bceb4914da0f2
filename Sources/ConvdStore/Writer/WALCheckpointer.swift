import ConvdCore
import Foundation
import GRDB
import Logging
import ServiceLifecycle
import Synchronization

/// Checkpoints the WAL off the write path. SQLite's automatic checkpoint runs inside the commit
/// that crosses the threshold and stalls that batch for milliseconds; it was most of convd's p99.
/// So the writer never checkpoints (wal_autocheckpoint = 0) and this service runs PASSIVE
/// checkpoints from its own connection, which never block the writer or the readers.
///
/// PASSIVE alone rarely resets the WAL under writes that never pause: the writer appends frames
/// while the checkpoint copies, so it never finds every frame copied, and the file and its
/// shared-memory index grow without bound (15 GB after 8 minutes of the soak bench). Past
/// `walLimitBytes` of frames the writer therefore copies the few frames the concurrent PASSIVE left
/// (`ConvdDatabase.backfillWAL`, between two group commits, waiting for no reader), and its next
/// transaction starts the WAL over. Only when that keeps failing (a reader always on old frames,
/// twice the bound) does it run TRUNCATE, which waits for the readers while the writer waits: that
/// wait between commits was most of the paced p99 when it ran at every crossing of the bound.
///
/// By default it copies each quarter of the bound as the writer fills it (`WALFrameCount`,
/// `DatabaseConfiguration.walCheckpointSteps`), not the whole bound once it is full: a pass copies
/// its frames into the database file and `fsync`s it, and the paced p99 followed the size of those
/// passes (5.8–8.6 ms with passes of 16 MiB; 4.1–4.2 ms with a
/// 4 MiB bound, which cost a tenth of the peak rate; 3.8–4.7 ms with quarters of 16 MiB).
public final class WALCheckpointer: Service, Sendable {
    private let connection: DatabaseQueue
    private let database: ConvdDatabase
    private let interval: Duration
    private let logger: Logger
    private let commits: EventNotifier?
    /// A frame's bytes in the WAL: its page and a 24-byte header.
    private let frameBytes: Int
    /// Frames in the bound: past them, the next commit starts a pass and the writer copies the rest.
    private let limitFrames: Int
    /// New frames after which the next commit starts a pass: a quarter of the bound by default
    /// (`DatabaseConfiguration.walCheckpointSteps`).
    private let stepFrames: Int
    private let passCount = Atomic<Int>(0)

    /// New frames in the WAL that start a pass (`walCheckpointSteps` of them fill the bound).
    public var framesPerPass: Int { stepFrames }

    /// PASSIVE passes run since start.
    public var passes: Int { passCount.load(ordering: .relaxed) }

    /// A checkpointer for `database`, every `interval` while there are commits; with `commits`
    /// (the writer's), it sleeps until a commit instead of waking every interval for nothing.
    /// - Throws: `unavailable` when the file cannot be opened.
    public init(database: ConvdDatabase, interval: Duration = .seconds(5), commits: EventNotifier? = nil,
                logger: Logger) throws(ConvdError) {
        var config = Configuration()
        config.busyMode = .timeout(Double(database.configuration.busyTimeoutMs) / 1000)
        config.label = "convd-checkpointer"
        do {
            connection = try DatabaseQueue(path: database.configuration.path, configuration: config)
        } catch {
            throw StoreErrorMapping.map(error, context: "opening the checkpointer")
        }
        do {
            frameBytes = try (connection.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } ?? 4096) + 24
        } catch {
            throw StoreErrorMapping.map(error, context: "opening the checkpointer")
        }
        self.database = database
        self.interval = interval
        self.limitFrames = database.configuration.walLimitBytes / frameBytes
        self.stepFrames = max(1, limitFrames / max(1, database.configuration.walCheckpointSteps))
        self.commits = commits
        self.logger = logger
    }

    /// The WAL file's size in bytes (0 when absent).
    public var walBytes: Int {
        var st = stat()
        return stat(database.configuration.path + "-wal", &st) == 0 ? Int(truncatingIfNeeded: st.st_size) : 0
    }

    /// Resets the WAL to empty between two group commits, once readers are off its frames.
    public func truncate() async throws {
        try await database.truncateWAL()
    }

    /// Checkpoints once. - Returns: frames in the WAL and frames now copied into the database.
    @discardableResult
    public func checkpoint() async throws -> (walFrames: Int, checkpointed: Int) {
        passCount.add(1, ordering: .relaxed)
        return try await connection.writeWithoutTransaction { db in
            let r = try db.checkpoint(.passive)
            return (r.walFrameCount, r.checkpointedFrameCount)
        }
    }

    /// Checkpoints every interval until graceful shutdown (the database's close truncates the WAL);
    /// with a commit notifier, only after commits: at most once per interval, and never while idle.
    public func run() async throws {
        if let commits {
            await cancelWhenGracefulShutdown {
                // The bound is checked after every commit (the WAL hook's count, no syscall), not
                // once an interval: under sustained batches the WAL grew by hundreds of MiB in one
                // 5 s interval.
                var lastPassive = ContinuousClock.now - self.interval
                var framesAtPass = 0
                for await _ in commits.subscribe() {
                    let frames = self.database.walFrames.value
                    // Fewer frames than at the last pass: the WAL started over since.
                    let new = frames >= framesAtPass ? frames - framesAtPass : frames
                    if frames > self.limitFrames || new >= self.stepFrames || ContinuousClock.now - lastPassive >= self.interval {
                        // Counted from where this pass starts: what the writer appends meanwhile is
                        // the next pass's to copy.
                        framesAtPass = frames
                        await self.checkpointAndBound()
                        lastPassive = .now
                    }
                }
            }
        } else {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                await checkpointAndBound()
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            }
        }
        try? connection.close()
    }

    /// Repeats the PASSIVE checkpoint while commits keep appending, until one pass finds few new
    /// frames: what the writer then copies between two commits (`backfillWAL`) is only what came
    /// in during the last, short pass. One pass over a 16 MiB WAL took long enough for the writer
    /// to append megabytes more, and copying those held the writer for 10 ms at 16 MiB and 100 ms
    /// at 256 MiB (the paced bench's p99). Each pass copies only the new frames' distinct pages,
    /// usually faster than the writer appends them, so the backlog shrinks pass by pass; when it
    /// stops shrinking (a writer outrunning the copy) or the WAL reaches twice the bound, the
    /// writer copies the rest at once, so the bound holds whatever the write rate.
    /// - Returns: whether the writer still has frames to copy; false when a pass found no new
    ///   frame, so every frame is copied and the writer's next transaction starts the WAL over by
    ///   itself (a second backfill right after the first, on the restarted WAL, cost the writer
    ///   1–3 ms for nothing).
    private func catchUp(from frames: Int) async throws -> Bool {
        var last = frames
        var lastNew = Int.max
        for _ in 0..<Self.maxCatchUpPasses {
            let now = try await checkpoint().walFrames
            let new = now - last
            // None new: all copied. Fewer than before: the writer already started the WAL over.
            if new <= 0 { return false }
            if new <= Self.fewFrames || new >= lastNew || now > 2 * limitFrames { return true }
            last = now
            lastNew = new
        }
        return true
    }

    /// Frames appended during a pass below which the writer copies the rest (1 MiB of 4 KiB pages).
    static let fewFrames = 256
    /// Passes before the writer copies the rest anyway. Logged cycles of the paced bench needed one
    /// or two; with eight allowed, readers that kept the WAL from starting over let it reach 25–43
    /// MB on a 1 MiB bound in `WALCheckpointerTests` under load (2–13 MB with two, as before).
    static let maxCatchUpPasses = 2

    private func checkpointAndBound() async {
        do {
            // Copies nearly everything off the write path first, so what the writer copies is small.
            let frames = try await checkpoint().walFrames
            if frames > 2 * limitFrames {
                try await truncate()
            } else if frames > limitFrames {
                if try await catchUp(from: frames) { _ = try await database.backfillWAL() }
            }
        } catch {
            logger.warning("WAL checkpoint failed", metadata: ["error": "\(error)"])
        }
    }
}
