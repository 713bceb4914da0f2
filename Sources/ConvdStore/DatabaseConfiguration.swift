import GRDB

/// Where the database lives and how it is opened.
public struct DatabaseConfiguration: Sendable {
    /// The SQLite file; `:memory:` is not supported (WAL needs a file).
    public var path: String
    /// FULL or NORMAL sync.
    public var durability: Durability
    /// How long a writer waits for another process holding the lock, in milliseconds.
    public var busyTimeoutMs: Int
    /// Most jobs committed in one group-commit transaction.
    public var maxJobsPerCommit: Int
    /// SQLite's `max_page_count` on the writer (0: SQLite's default): a quota past which writes
    /// fail with RESOURCE_EXHAUSTED "database is full" while reads go on.
    public var maxPageCount: Int = 0
    /// The writer connection's SQLite page cache, in MiB: it holds the pages every feedback's
    /// inserts touch (the indexes' upper levels and hot leaves), which outgrow a small cache as the
    /// tables grow (ingest at 2M conversions fell to 77% of the empty database's with 16 MiB; 97%
    /// with 256). Filled only as pages are touched.
    public var pageCacheMiB: Int = 256
    /// How long the writer holds a large write (`GroupCommitWriter.write(large:_:)`) for the other
    /// large writes it expects, in milliseconds (0: never): those of the last commit, whose writers
    /// were just answered, plus those that queued while it ran. Writers resubmit as soon as they
    /// are answered, so without the wait four writers alternated commits of one and three batches;
    /// a commit's pages are mostly the indexes' leaves, which its batches share.
    public var largeWriteGatherMs: Int = 50
    /// The WAL bound in bytes: `WALCheckpointer` keeps the WAL's frames under it, and a WAL that
    /// starts over is cut back to it on disk (`journal_size_limit`). The two must agree: a file
    /// left larger than the bound (it was cut back to 16 MiB whatever the bound) made a smaller
    /// bound checkpoint after every commit, and a larger one cut and regrow the file every cycle.
    public var walLimitBytes: Int = 16 << 20
    /// PASSIVE checkpoint passes per `walLimitBytes` of new frames: 4 copies each quarter of the
    /// bound as the writer fills it (paced p99 3.8–4.7 ms against 5.8–8.4 ms with 1); 1 waits for
    /// the whole bound, so a page dirtied again within a cycle is copied once, not once a quarter:
    /// sustained 1,000-batches wrote up to a fifth fewer bytes per feedback, at the same rate.
    public var walCheckpointSteps: Int = 4
    /// Each reader connection's page cache, in MiB (reads are index lookups of a few pages).
    public static let readerPageCacheMiB = 16
    /// Called with the migrations about to be applied, before they run (not when there are none):
    /// on a large database one can take a while (v12 copies a table: 14 s for 10M rows), and the
    /// daemon says so rather than start in silence.
    public var migrationObserver: (@Sendable (_ pending: [String]) -> Void)?
    /// Called with every statement the database runs (values inlined); nil in production. The
    /// query-plan test uses it to check every query the store issues, not a hand-kept list.
    public var statementObserver: (@Sendable (String) -> Void)?

    /// Creates a configuration with the durable defaults.
    public init(path: String, durability: Durability = .full, busyTimeoutMs: Int = 5_000, maxJobsPerCommit: Int = 512) {
        self.path = path
        self.durability = durability
        self.busyTimeoutMs = busyTimeoutMs
        self.maxJobsPerCommit = maxJobsPerCommit
    }

    /// The GRDB configuration: WAL (set by DatabasePool), the sync level, foreign keys, busy timeout;
    /// the writer's commits report the WAL's length to `walFrames`.
    func grdb(walFrames: WALFrameCount) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Double(busyTimeoutMs) / 1000)
        config.label = "convd"
        let sync = durability == .full ? "FULL" : "NORMAL"
        let pages = maxPageCount
        let writerCacheKiB = pageCacheMiB * 1024
        let observer = statementObserver
        let walLimit = walLimitBytes
        config.prepareDatabase { db in
            if let observer {
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { observer(statement.expandedSQL) }
                }
            }
            try db.execute(sql: "PRAGMA synchronous = \(sync)")
            // Checkpoints run off the write path, in WALCheckpointer.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            if !db.configuration.readonly { walFrames.install(on: db) }
            // Each feedback runs in two nested savepoints; their statement journals went to temporary
            // files (strace: more writes to /var/tmp/etilqs_* than to the WAL). In memory they cost a copy.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // More page cache than SQLite's 2 MB, so the indexes' upper levels stay cached as the
            // tables grow (negative: KiB rather than pages).
            let cacheKiB = db.configuration.readonly ? Self.readerPageCacheMiB * 1024 : writerCacheKiB
            try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)")
            // A WAL that starts over is also cut back on disk to the bound.
            try db.execute(sql: "PRAGMA journal_size_limit = \(walLimit)")
            // Freed space inside a page is zeroed as it is freed (no extra I/O): a rewritten row
            // leaves no readable copy of what it held, which a GDPR erasure relies on.
            try db.execute(sql: "PRAGMA secure_delete = FAST")
            if pages > 0 { try db.execute(sql: "PRAGMA max_page_count = \(pages)") }
        }
        return config
    }
}
