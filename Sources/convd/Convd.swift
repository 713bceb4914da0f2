import ArgumentParser
import AsyncHTTPClient
import ConvdCore
import ConvdHTTP
import ConvdServer
import ConvdStore
import ConvdWire
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// The convd daemon: parses flags, opens the database, and runs the writer and the server
/// until SIGTERM or SIGINT.
@main
struct Convd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Conversion-feedback daemon: records what happened to delivered leads.",
        version: ConvdVersion.current)

    @Option(help: "A YAML file of settings (see README, Configuration); flags on the command line override it.")
    var config: String?
    @Option(help: "Unix socket path. Env: CONVD_SOCKET. Default: <data-dir>/convd.sock.")
    var socket: String?
    @Option(help: "Data directory. Env: CONVD_DATA_DIR. Default: $XDG_STATE_HOME/convd or ~/.local/state/convd.")
    var dataDir: String?
    @Option(help: "SQLite file, or a PostgreSQL URL (postgres://user@host/db, postgres://user@/db?host=/socket/dir; pool_size=N) for several daemons sharing one database. Env: CONVD_DATABASE. Default: <data-dir>/convd.sqlite.")
    var database: String?
    @Option(help: "full (durable across power loss) or normal (faster; may lose the last commits on power loss).")
    var durability: Durability = .full
    @Option(help: "Group (name or gid) allowed to connect; makes the socket mode 0660 instead of 0600.")
    var socketGroup: String?
    @Option(name: .customLong("grant"), help: "Grant a role: uid:N=ROLE, user:NAME=ROLE, gid:N=ROLE or group:NAME=ROLE (reader, recorder, admin). Repeatable.")
    var grants: [String] = []
    @Option(help: "Largest frame accepted, in bytes.")
    var maxFrameBytes = ServerConfiguration.Limits().maxFrameLength
    @Option(help: "Most open connections.")
    var maxConnections = ServerConfiguration.Limits().maxConnections
    @Option(help: "Most calls in flight on one connection.")
    var maxCallsPerConnection = ServerConfiguration.Limits().maxCallsInFlightPerConnection
    @Option(help: "Close connections idle this many seconds.")
    var idleTimeoutSeconds: Int64 = 600
    @Option(help: "Seconds between WAL checkpoints, which run off the write path.")
    var checkpointIntervalSeconds: Double = 5
    @Option(help: "WAL size in MiB past which the writer copies the last frames between two commits so the WAL starts over (TRUNCATE, waiting for readers, past twice this).")
    var walLimitMb = 16
    @Option(help: "Checkpoint passes per WAL limit of new frames: 4 copies each quarter as it fills (the lowest p99); 1 waits for the whole limit (fewer bytes written under sustained bulk batches).")
    var walCheckpointSteps = 4
    @Option(help: "First wait before retrying a failed forward, in ms (doubles each attempt, with jitter, up to 10 minutes).")
    var forwardBackoffMs: Int64 = 2_000
    @Option(help: "How long a forward's lease outlasts its timeout, in ms: when several daemons share a database, another takes over a dead one's forwards after this.")
    var forwardLeaseMarginMs: Int64 = 30_000
    @Option(help: "How often an open watch reads the newest event for other daemons' commits on a shared database, in ms (PostgreSQL daemons are also woken by NOTIFY at once).")
    var watchPollMs: Int64 = 1_000
    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"
    @Option(help: "text (swift-log's lines) or json (one object per line: ts, level, logger, msg, and a call's call_id, method, peer_uid, role).")
    var logFormat: LogFormat = .text
    @Option(help: "Most writes waiting for the writer at once; more are refused with RESOURCE_EXHAUSTED.")
    var maxQueuedWrites = 10_000
    @Option(help: "A quota on the database, in SQLite pages (4 KiB); past it writes are RESOURCE_EXHAUSTED and reads go on. 0: none.")
    var maxDatabasePages = 0
    @Option(help: "The writer's SQLite page cache, in MiB: the index pages every feedback touches, so ingest stays fast as the database grows. Filled only as used.")
    var pageCacheMib = 256
    @Option(help: "Milliseconds a large write (a RecordBatch of 64 or more) waits for the writers of the last commit and those that queued during it to come back, so they share one commit and its pages. 0: never waits; a small write never waits for it.")
    var largeWriteGatherMs = 50
    @Option(help: "Hours an idempotency key is remembered (a retry after that counts as new). Default 168 (7 days).")
    var idempotencyRetentionHours = 168
    @Option(help: "Days a SENT forward and its attempt log are kept (PENDING and DEAD ones are kept until handled). Default 30.")
    var outboxRetentionDays = 30
    @Option(help: "Seconds between retention passes (expired idempotency keys, old SENT forwards), each in small transactions.")
    var pruneIntervalSeconds = 60
    @Option(help: "Restore this backup (from `convctl backup`) as the database, keeping the current one beside it under a dated name, then exit. convd must be stopped.")
    var restore: String?
    @Option(help: "Serve Prometheus metrics at http://HOST:PORT/metrics, on a loopback address only (e.g. 127.0.0.1:9464). Off by default.")
    var metricsListen: String?
    @Option(help: "Serve LeadConduit-compatible feedback (POST /feedback, POST /feedback/batch) at HOST:PORT, loopback unless --http-allow-remote. Off by default.")
    var httpListen: String?
    @Flag(help: "Let --http-listen bind a non-loopback address (tokens travel in clear text: put TLS in front).")
    var httpAllowRemote = false
    @Flag(help: "Serve the dashboard's pages without a token (loopback --http-listen only).")
    var httpDashboardOpen = false
    @Option(name: .customLong("http-token"), help: "An HTTP credential: name=N,role=ROLE,sha256=HEX[,recipient=ID] (convctl token new prints one). Repeatable.")
    var httpTokens: [String] = []

    /// Reads `--config` first: its settings become flags placed before the command line's own.
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            if let path = ConfigFile.path(in: arguments) { arguments = try ConfigFile.arguments(fromFile: path) + arguments }
            var command = try parseAsRoot(arguments)
            if let daemon = command as? Convd { try await daemon.run() } else { try command.run() }
        } catch {
            exit(withError: error)
        }
    }

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard idempotencyRetentionHours >= 1, idempotencyRetentionHours <= 24 * 366 else {
            throw ValidationError("--idempotency-retention-hours must be 1 to 8784")
        }
        guard outboxRetentionDays >= 1, outboxRetentionDays <= 3660 else {
            throw ValidationError("--outbox-retention-days must be 1 to 3660")
        }
        guard pruneIntervalSeconds >= 1, pruneIntervalSeconds <= 86_400 else {
            throw ValidationError("--prune-interval-seconds must be 1 to 86400")
        }
        guard checkpointIntervalSeconds.isFinite, checkpointIntervalSeconds > 0, checkpointIntervalSeconds <= 3600 else {
            throw ValidationError("--checkpoint-interval-seconds must be more than 0 and at most 3600")
        }
        guard idleTimeoutSeconds > 0, idleTimeoutSeconds <= 86_400 * 7 else {
            throw ValidationError("--idle-timeout-seconds must be 1 to 604800")
        }
        guard pageCacheMib >= 1, pageCacheMib <= 1 << 16 else { throw ValidationError("--page-cache-mib must be 1 to 65536") }
        guard largeWriteGatherMs >= 0, largeWriteGatherMs <= 1_000 else { throw ValidationError("--large-write-gather-ms must be 0 to 1000") }
        guard walLimitMb >= 1, walLimitMb <= 1 << 20 else { throw ValidationError("--wal-limit-mb must be 1 to 1048576") }
        guard (1...64).contains(walCheckpointSteps) else { throw ValidationError("--wal-checkpoint-steps must be 1 to 64") }
        guard forwardLeaseMarginMs >= 100, forwardLeaseMarginMs <= 600_000 else {
            throw ValidationError("--forward-lease-margin-ms must be 100 to 600000")
        }
        guard watchPollMs >= 50, watchPollMs <= 86_400_000 else { throw ValidationError("--watch-poll-ms must be 50 to 86400000") }
        guard forwardBackoffMs > 0, forwardBackoffMs <= 600_000 else { throw ValidationError("--forward-backoff-ms must be 1 to 600000") }
        if let metricsListen {
            do { _ = try MetricsHTTPListener.parse(metricsListen) } catch { throw ValidationError("\(error)") }
        }
        do { _ = try httpConfiguration() } catch { throw ValidationError("\(error)") }
    }

    func run() async throws {
        let dataDirectory = dataDir ?? DefaultPaths.dataDirectory
        let socketPath = socket ?? (dataDir.map { $0 + "/convd.sock" } ?? DefaultPaths.socketPath)
        let databaseSpec = database ?? ProcessInfo.processInfo.environment["CONVD_DATABASE"]
        let postgresURL = try databaseSpec.flatMap { StorageBackend.isPostgres($0) ? try PostgresURL($0) : nil }
        let databasePath = postgresURL == nil ? databaseSpec ?? dataDirectory + "/" + DefaultPaths.databaseFileName : ""
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let format = logFormat
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = format == .json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "convd")

        let metricsAddress = try metricsListen.map(MetricsHTTPListener.parse)  // checked in validate()
        var roles = RoleTable(ownUID: getuid())
        for grant in grants { try roles.add(grant: GroupLookup.resolve(grant: grant)) }
        var limits = ServerConfiguration.Limits()
        limits.maxFrameLength = maxFrameBytes
        limits.maxConnections = maxConnections
        limits.maxCallsInFlightPerConnection = maxCallsPerConnection
        limits.idleTimeout = .seconds(idleTimeoutSeconds)
        let serverConfig = ServerConfiguration(
            socketPath: socketPath, socketGroup: try socketGroup.map(GroupLookup.gid(for:)), roles: roles, limits: limits)

        // Everything convd creates (data directory, database, WAL, SHM) is private to its user.
        umask(0o077)
        let clock = SystemWallClock()
        let activity = ServerActivity()
        let metrics = activity.metrics
        let userAgent = "convd/\(ConvdVersion.current)"
        let idempotencyMs = Int64(clamping: idempotencyRetentionHours) * 3_600_000
        let retention = RetentionPolicy(idempotencyMs: idempotencyMs, sentForwardsMs: Int64(clamping: outboxRetentionDays) * 86_400_000)
        let backend: StorageBackend
        if let postgresURL {
            if restore != nil { throw ValidationError("--restore restores a SQLite backup; restore PostgreSQL with pg_restore") }
            backend = try await StorageBackend.postgres(postgresURL, clock: clock, userAgent: userAgent, idempotencyRetentionMs: idempotencyMs,
                                                        retention: retention, pruneInterval: .seconds(pruneIntervalSeconds), logger: logger)
        } else {
            try DataDirectory.prepare(dataDirectory, databasePath: databasePath, logger: logger)
            if let restore {
                let outcome = try DatabaseRestore.restore(backup: restore, to: databasePath, nowMs: SystemWallClock().nowMs()) {
                    SocketListener.isLive(path: socketPath)
                }
                let rows = outcome.rows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                print("restored \(restore) to \(databasePath) (\(rows))")
                if let kept = outcome.previousKeptAt { print("the database it replaced is kept at \(kept)") }
                return
            }
            var dbConfig = DatabaseConfiguration(path: databasePath, durability: durability)
            dbConfig.maxPageCount = maxDatabasePages
            dbConfig.pageCacheMiB = pageCacheMib
            dbConfig.largeWriteGatherMs = largeWriteGatherMs
            dbConfig.walLimitBytes = walLimitMb << 20
            dbConfig.walCheckpointSteps = walCheckpointSteps
            dbConfig.migrationObserver = { pending in
                if pending.count == ConvdMigrations.names.count { return logger.info("creating the schema", metadata: ["database": "\(databasePath)"]) }
                logger.notice("applying schema migrations; on a large database this can take a minute",
                              metadata: ["migrations": "\(pending.joined(separator: ", "))", "database": "\(databasePath)"])
            }
            let db = try ConvdDatabase(configuration: dbConfig)
            DataDirectory.warnIfShared(databasePath, logger: logger)
            let writer = GroupCommitWriter(database: db, logger: logger, maxQueuedWrites: maxQueuedWrites) { jobs, seconds in
                metrics.commit(jobs: jobs, seconds: seconds)
            }
            let checkpointer = try WALCheckpointer(
                database: db, interval: .milliseconds(Int64(exactly: (checkpointIntervalSeconds * 1000).rounded()) ?? 5_000),
                commits: writer.commits, logger: logger)
            let storage = SQLiteStorage(database: db, writer: writer, clock: clock, userAgent: userAgent, idempotencyRetentionMs: idempotencyMs)
            let pruner = RetentionPruner(storage: storage, policy: retention, interval: .seconds(pruneIntervalSeconds), clock: clock,
                                         logger: logger)
            backend = StorageBackend(storage: storage, services: [writer, checkpointer, pruner], location: databasePath,
                                     close: { try db.close() })
        }
        let storage = backend.storage
        let http = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: ForwardingWorker.httpConfiguration)
        var forwardConfig = ForwardingWorker.Configuration()
        forwardConfig.backoff = Backoff(baseMs: forwardBackoffMs)
        forwardConfig.leaseOwner = "convd@\(socketPath)"
        forwardConfig.leaseMarginMs = forwardLeaseMarginMs
        let forwarder = ForwardingWorker(storage: storage, http: http, clock: clock, configuration: forwardConfig,
                                         metrics: metrics, logger: logger)
        let facts = DaemonFacts(version: ConvdVersion.current, socketPath: socketPath, databasePath: backend.location,
                                durability: durability, startedAtMs: clock.nowMs())
        let router = ConvdRoutes.router(storage: storage, facts: facts, activity: activity, clock: clock, forwarder: forwarder,
                                        watchPoll: .milliseconds(watchPollMs))
        let systemd = SystemdNotifier()
        let server = ConvdServer(
            configuration: serverConfig, router: router, activity: activity,
            group: MultiThreadedEventLoopGroup.singleton, logger: logger,
            ready: {
                print("convd \(ConvdVersion.current) listening on \(socketPath), storing in \(backend.location) (durability \(durability.rawValue))")
                fflush(nil)  // a supervisor or test reading a pipe sees the line at once
                // Migrations ran before the database opened and the socket is bound: ready.
                systemd.notify("READY=1\nSTATUS=serving on \(socketPath)\nMAINPID=\(getpid())")
            },
            draining: { systemd.notify("STOPPING=1\nSTATUS=draining calls in flight") })
        if durability == .normal {
            logger.warning("durability normal: the last commits may be lost on power loss")
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] =
            backend.services.map { .init(service: $0) } + [.init(service: forwarder), .init(service: server)]
        if systemd.isActive, let interval = SystemdNotifier.watchdogInterval() {
            services.append(.init(service: SystemdWatchdog(notifier: systemd, interval: interval, storage: storage, logger: logger)))
        }
        if let (host, port) = metricsAddress {
            services.append(.init(service: MetricsHTTPListener(
                host: host, port: port, activity: activity, storage: storage, group: MultiThreadedEventLoopGroup.singleton,
                logger: logger)))
        }
        if let http = try httpConfiguration() {
            services.append(.init(service: HTTPFace(configuration: http, caller: InProcessCaller(router: router, activity: activity, logger: logger),
                                                    logger: logger)))
        }
        let group = ServiceGroup(
            configuration: .init(services: services,
                                 gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let ran: Result<Void, any Error>
        do { ran = .success(try await group.run()) } catch { ran = .failure(error) }
        try await http.shutdown()
        try await backend.close()
        try ran.get()
        logger.info("database closed")
    }
}

extension Convd {
    /// The HTTP listener's settings, nil when `--http-listen` is not given.
    /// - Throws: `HTTPConfigurationError` for a bad address or token.
    func httpConfiguration() throws(HTTPConfigurationError) -> HTTPListenerConfiguration? {
        guard let httpListen else {
            if !httpTokens.isEmpty || httpAllowRemote || httpDashboardOpen {
                throw HTTPConfigurationError("--http-token, --http-allow-remote and --http-dashboard-open need --http-listen")
            }
            return nil
        }
        var tokens: [HTTPToken] = []
        for spec in httpTokens { tokens.append(try HTTPToken.parse(spec)) }
        return try HTTPListenerConfiguration(address: httpListen, allowRemote: httpAllowRemote, tokens: HTTPTokenTable(tokens),
                                             dashboardOpen: httpDashboardOpen)
    }
}

extension Durability: ExpressibleByArgument {}
extension LogFormat: ExpressibleByArgument {}
