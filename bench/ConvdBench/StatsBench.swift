import ArgumentParser
import ConvdCore
import ConvdStore
import Foundation
import GRDB
import Logging
import ServiceLifecycle

/// Stats and statements from the aggregates against the same figures computed from the rows, at
/// growing sizes, in one run: a real SQLite file grown through the store's own batch path (so
/// the triggers run), 20 sources and 5 recipients over 90 days. Also the cost of keeping the
/// aggregates: the ingest rate with the triggers beside the rate with them dropped, same run.
struct StatsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Stats and statements from aggregates vs from rows.")
    @Option(help: "Sizes (conversions) to measure at, comma-separated.") var sizes = "20000,50000"
    @Option(help: "Conversions per delivery.") var perDelivery = 10
    @Option(help: "Concurrent batch writers.") var writers = 4
    @Option(help: "full or normal.") var durability = "normal"
    @Flag(help: "Keep the databases (their directory is printed).") var keep = false

    static let t0: Int64 = 1_782_864_000_000  // 2026-07-01T00:00Z
    static let span: Int64 = 90 * 86_400_000

    func run() async throws {
        let targets = sizes.split(separator: ",").compactMap { Int($0) }.sorted()
        guard let last = targets.last else { throw ValidationError("--sizes names no size") }
        let mode = Durability(rawValue: durability) ?? .normal
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convd-stats-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } }
        let deliveries = max(1_000, last / perDelivery)
        print("convd stats bench: \(deliveries) deliveries, conversions to \(targets.map(String.init).joined(separator: ", ")), durability \(mode.rawValue)\(keep ? ", in \(dir)" : "")")

        // The cost of the aggregates: the same first chunk into a database without the triggers.
        let chunk = min(last, 100_000)
        let without = try await Self.grow(path: dir + "/plain.sqlite", durability: mode, deliveries: min(deliveries, chunk / perDelivery + 1),
                                          targets: [chunk], writers: writers, dropTriggers: true) { _, _, _ in }
        var with = 0.0
        _ = try await Self.grow(path: dir + "/stats.sqlite", durability: mode, deliveries: deliveries, targets: Array(Set(targets + [chunk])).sorted(),
                                writers: writers, dropTriggers: false) { storage, size, rate in
            if size == chunk { with = rate }
            guard targets.contains(size) else { return }
            try await Self.measure(storage, size: size)
        }
        print(String(format: "ingest (RecordBatch of 1000, %d writers, first %d): with aggregates %.0f/s, without %.0f/s: %.0f%%",
                     writers, chunk, with, without, 100 * with / without))
    }

    /// Grows a database, calling `at` at each target size with the rate of the last stretch.
    static func grow(path: String, durability: Durability, deliveries: Int, targets: [Int], writers: Int, dropTriggers: Bool,
                     at: @escaping (SQLiteStorage, Int, Double) async throws -> Void) async throws -> Double {
        let db = try ConvdDatabase(configuration: DatabaseConfiguration(path: path, durability: durability))
        if dropTriggers {
            try await db.pool.write { db in
                for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                    try db.execute(sql: "DROP TRIGGER \(name)")
                }
            }
        }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let writer = GroupCommitWriter(database: db, logger: logger)
        let checkpointer = try WALCheckpointer(database: db, commits: writer.commits, logger: logger)
        let clock = BenchClock(ms: t0)
        let storage = SQLiteStorage(database: db, writer: writer, clock: clock)
        let group = ServiceGroup(services: [writer, checkpointer], logger: logger)
        var lastRate = 0.0
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for r in 0..<5 {
                var settings = FeedbackSettings.defaults
                settings.returnWindowDays = 0
                _ = try await storage.putRecipient(Recipient(id: "crm-\(r)", feedback: settings))
            }
            for s in 0..<20 {
                var source = Source(id: "v-\(s)")
                source.leadCost = LeadCost(defaultCost: Money(amountMinor: Int64(1_000 + 100 * s), currency: "USD"))
                _ = try await storage.putSource(source)
            }
            let next = Locked(0)
            try await withThrowingTaskGroup(of: Void.self) { w in
                for _ in 0..<16 {
                    w.addTask {
                        while true {
                            let i: Int = next.withLock { n in n += 1; return n - 1 }
                            guard i < deliveries else { return }
                            _ = try await storage.recordDelivery(Delivery(
                                eventID: "E\(i)", recipientID: "crm-\(i % 5)", sourceID: "v-\(i % 20)",
                                deliveredAtMs: t0 + Int64(i) * span / Int64(deliveries)))
                        }
                    }
                }
                try await w.waitForAll()
            }
            var written = 0
            for target in targets {
                let start = now()
                let from = Locked(written)
                try await withThrowingTaskGroup(of: Void.self) { w in
                    for _ in 0..<writers {
                        w.addTask {
                            while true {
                                let k: Int = from.withLock { n in n += 1_000; return n - 1_000 }
                                guard k < target else { return }
                                // Time moves with the data: conversions follow their leads over the 90 days.
                                clock.set(ms: t0 + span * Int64(k) / Int64(max(1, targets.last ?? 1)) + 3_600_000)
                                let batch = (k..<min(k + 1_000, target)).map { n -> FeedbackInput in
                                    let e = n % deliveries
                                    if n % 97 == 0 { return FeedbackInput(target: .eventID("E\(e)"), kind: .return, reason: n % 2 == 0 ? "Duplicate" : "Invalid") }
                                    return FeedbackInput(target: .eventID("E\(e)"), kind: .conversion, conversionType: n % 3 == 0 ? "Sale" : "Lead",
                                                         amount: Money(amountMinor: Int64(1_000 + n % 4_000), currency: "USD"), transactionID: "T\(n)",
                                                         status: n % 10 == 0 ? .pending : .approved)
                                }
                                _ = try await storage.recordFeedbackBatch(batch, idempotency: nil, actor: "bench")
                            }
                        }
                    }
                    try await w.waitForAll()
                }
                lastRate = Double(target - written) / (now() - start)
                written = target
                try await at(storage, target, lastRate)
            }
            await group.triggerGracefulShutdown()
            try await tasks.next()
        }
        try db.close()
        return lastRate
    }

    /// Median of `n` runs of `body`, in ms.
    static func median(_ n: Int, _ body: () async throws -> Void) async throws -> Double {
        var times: [Double] = []
        for _ in 0..<n {
            let t = now()
            try await body()
            times.append((now() - t) * 1000)
        }
        return times.sorted()[times.count / 2]
    }

    static func measure(_ s: SQLiteStorage, size: Int) async throws {
        let bySource = try StatsQuery(groupings: [.source])
        let fast = try await s.stats(bySource), slow = try await s.statsFromRows(bySource)
        guard fast == slow else { throw ValidationError("stats from aggregates and from rows differ at \(size)") }
        let aggregates = try await median(5) { _ = try await s.stats(bySource) }
        let rows = try await median(1) { _ = try await s.statsFromRows(bySource) }
        let monthly = try StatsQuery(groupings: [.source, .month], timeZone: "Europe/Berlin")
        let monthlyAggregates = try await median(5) { _ = try await s.stats(monthly) }
        let monthlyRows = try await median(1) { _ = try await s.statsFromRows(monthly) }
        // August 2026 of one source.
        let aug = (from: Int64(1_785_542_400_000), to: Int64(1_788_220_800_000))
        let statement = try await median(5) { _ = try await s.statement(sourceID: "v-7", month: "2026-08", timeZone: "") }
        let statementRows = try await median(1) { _ = try await s.statementTotalsFromRows(sourceID: "v-7", fromMs: aug.from, toMs: aug.to) }
        print(String(format: "| %d | stats by source %.1f ms vs rows %.0f ms (%.0fx) | source x month (Berlin) %.1f ms vs %.0f ms (%.0fx) | statement %.1f ms vs rows %.0f ms (%.0fx) |",
                     size, aggregates, rows, rows / aggregates, monthlyAggregates, monthlyRows, monthlyRows / monthlyAggregates,
                     statement, statementRows, statementRows / statement))
    }
}
