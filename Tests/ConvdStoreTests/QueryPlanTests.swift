import ConvdCore
import ConvdStore
import ConvdTestSupport
import Foundation
import GRDB
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// No query that scans: every statement the store runs while a workload calls every storage
/// method (with every filter) is recorded by a trace hook, and `EXPLAIN QUERY PLAN` of each must
/// not scan the conversion, event, delivery, return or outbox tables, nor sort with a temporary
/// B-tree, unless the statement says `/* full pass */`.
/// Tracing rather than a hand-kept list means a query added later cannot be forgotten.
struct QueryPlanTests {
    static let bigTables = ["conversion", "feedback_event", "delivery", "delivery_return", "outbox", "conversion_instalment",
                            "conversion_transaction", "conversion_version", "idempotent_call", "forward_attempt"]

    /// The problem with `plan` for `sql`, or nil when it uses indexes throughout.
    static func problem(sql: String, plan: [String]) -> String? {
        if sql.contains("/* full pass */") { return nil }
        // Aliases ("FROM outbox o") print as the alias in plans.
        var names: [String: String] = [:]
        let words = sql.replacingOccurrences(of: "\n", with: " ").split(separator: " ").map(String.init)
        for (i, w) in words.enumerated() where bigTables.contains(w) {
            names[w] = w
            if i + 1 < words.count, words[i + 1].count <= 2, words[i + 1].allSatisfy(\.isLetter) { names[words[i + 1]] = w }
            if i + 2 < words.count, words[i + 1].uppercased() == "AS" { names[words[i + 2]] = w }
        }
        for line in plan {
            if line.contains("USE TEMP B-TREE FOR ORDER BY") { return "sorts with a temporary B-tree: \(line)" }
            guard let range = line.range(of: "SCAN ") else { continue }
            let scanned = line[range.upperBound...].split(separator: " ").first.map(String.init) ?? ""
            if let table = names[scanned], !line.contains("USING") || line.contains("USING INTEGER PRIMARY KEY") && !line.contains("=") {
                if line.contains("COVERING INDEX") || line.contains("USING INDEX") { continue }
                return "scans \(table): \(line)"
            }
        }
        return nil
    }

    @Test func everyQueryTheStoreRunsUsesAnIndex() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let seen = Mutex<[String]>([])
        var config = DatabaseConfiguration(path: dir.file("q.sqlite"))
        config.statementObserver = { sql in seen.withLock { $0.append(sql) } }
        let db = try ConvdDatabase(configuration: config)
        seen.withLock { $0.removeAll() }  // the migrations are deliberate full passes, once
        let logger = Logger(label: "test")
        let writer = GroupCommitWriter(database: db, logger: logger)
        let clock = ManualClock(ms: 1_800_000_000_000)
        let storage = SQLiteStorage(database: db, writer: writer, clock: clock)
        let group = ServiceGroup(services: [writer], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { Task { await group.triggerGracefulShutdown() } }
            try await Self.workload(storage, clock: clock)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try db.close()

        let statements = Array(Set(seen.withLock { $0 }.filter { sql in
            let head = sql.prefix(8).uppercased()
            return head.hasPrefix("SELECT") || head.hasPrefix("UPDATE") || head.hasPrefix("DELETE") || head.hasPrefix("WITH")
        })).sorted()
        #expect(statements.count > 40, "the workload ran \(statements.count) distinct statements")
        let check = try DatabaseQueue(path: dir.file("q.sqlite"))
        var problems: [String] = []
        var plans: [String: [String]] = [:]
        for sql in statements {
            let plan = try await check.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
            }
            plans[sql] = plan
            if let p = Self.problem(sql: sql, plan: plan) {
                let shown = sql.range(of: " FROM ").map { String(sql[$0.lowerBound...]) } ?? sql
                problems.append("\(p)\n    in: \(sql.prefix(12))...\(shown.prefix(300).replacingOccurrences(of: "\n", with: " "))")
            }
        }
        #expect(problems.isEmpty, "\(problems.count) statements scan:\n\(problems.joined(separator: "\n"))")

        // A lookup by transaction or click ID must use its own index, not walk all of a
        // recipient's conversions through a wider one (a SEARCH, so the rule above passes it):
        // with partial indexes (v13) SQLite needs the query to say `<> ''` to pick them.
        var looked = 0
        for sql in statements {
            let flat = sql.replacingOccurrences(of: "\n", with: " ")
            for (filter, index) in Self.lookupIndexes where flat.contains("FROM conversion ") && flat.contains(filter) {
                looked += 1
                let plan = plans[sql] ?? []
                #expect(plan.contains { $0.contains(index) }, "\(flat.prefix(200)) does not use \(index): \(plan)")
            }
        }
        #expect(looked >= 2, "the workload looked conversions up by transaction and by click \(looked) times")
    }

    /// Filters on `conversion` and the index each must use.
    static let lookupIndexes = [("transaction_id = ", "conversion_by_recipient_transaction"), ("click_id = ", "conversion_by_click")]

    /// Calls every storage method, with every filter, so each query shape runs at least once.
    static func workload(_ s: SQLiteStorage, clock: ManualClock) async throws {
        var forwarding = ForwardingSettings(url: "http://127.0.0.1:9/x")
        forwarding.fieldMapping = ["a": "{amount}"]
        _ = try await s.putRecipient(Recipient(id: "crm-1"))
        _ = try await s.putSource(Source(id: "v-1", forwarding: forwarding, returnCap: .count(100)))
        _ = try await s.putSource(Source(id: "v-2", returnCap: .shareBasisPoints(5_000)))
        let claim = { (k: String) in IdempotencyClaim(key: k, scope: "uid:1", fingerprint: k) }
        for i in 0..<30 {
            _ = try await s.recordDelivery(Delivery(eventID: "E\(i)", recipientID: "crm-1", sourceID: i % 2 == 0 ? "v-1" : "v-2",
                                                    clickID: "ck-\(i)"), idempotency: i == 0 ? claim("d") : nil)
        }
        func sale(_ e: String, _ type: String, _ minor: Int64, tx: String = "", status: ConversionStatus = .approved) -> FeedbackInput {
            FeedbackInput(target: .eventID(e), kind: .conversion, conversionType: type, amount: Money(amountMinor: minor, currency: "EUR"),
                          transactionID: tx, status: status)
        }
        for i in 0..<30 {
            let e = "E\(i)"
            _ = try await s.recordFeedback(sale(e, "WonClient", 100, tx: "INV-\(i)-1"), idempotency: claim("f\(i)"), actor: "t")
            _ = try await s.recordFeedback(sale(e, "WonClient", 50, tx: "INV-\(i)-2", status: .pending), idempotency: nil, actor: "t")
            _ = try await s.recordFeedback(sale(e, "QualifiedLead", 10), idempotency: nil, actor: "t")
            _ = try await s.recordFeedback(sale(e, "QualifiedLead", 20), idempotency: nil, actor: "t")
            _ = try await s.recordFeedback(sale(e, "Lead", 5, tx: "L-\(i)"), idempotency: nil, actor: "t")
            _ = try await s.recordFeedback(sale(e, "FakeLead", 0), idempotency: nil, actor: "t")
            _ = try await s.recordFeedback(FeedbackInput(target: .click(clickID: "ck-\(i)", recipientID: "crm-1"), kind: .conversion,
                                                         conversionType: "FakeLead"), idempotency: nil, actor: "t")
            if i % 3 == 0 {
                _ = try await s.recordFeedback(FeedbackInput(target: .eventID(e), kind: .return, reason: "Duplicate"), idempotency: nil, actor: "t")
            }
        }
        _ = try await s.recordFeedback(sale("E0", "WonClient", 100, tx: "INV-0-1"), idempotency: claim("f0"), actor: "t")
        _ = try await s.recordFeedbackBatch([sale("E1", "Lead", 1), sale("E2", "Lead", 2)], idempotency: claim("b"), actor: "t")
        _ = try await s.adjust(AdjustmentInput(target: .transaction(recipientID: "crm-1", transactionID: "INV-3-2"), kind: .approve),
                               idempotency: claim("a"), actor: "t")
        _ = try await s.adjust(AdjustmentInput(target: .transaction(recipientID: "crm-1", transactionID: "L-4"), kind: .reject),
                               idempotency: nil, actor: "t")
        _ = try? await s.adjust(AdjustmentInput(target: .transaction(recipientID: "crm-1", transactionID: "none"), kind: .reject),
                                idempotency: nil, actor: "t")
        _ = try await s.adjust(AdjustmentInput(target: .key(recipientID: "crm-1", conversionType: "QualifiedLead", attributionID: "ck-5"),
                                               kind: .retract), idempotency: nil, actor: "t")
        let some = try await s.listConversions(ConversionFilter(), afterSeq: 0, limit: 5)
        _ = try await s.adjust(AdjustmentInput(target: .conversionID(some[0].conversion.id), kind: .retract), idempotency: nil, actor: "t")
        _ = try await s.conversion(id: some[0].conversion.id)

        var filters: [ConversionFilter] = []
        for f in 0..<8 {
            var c = ConversionFilter()
            switch f {
            case 0: c.recipientID = "crm-1"
            case 1: c.sourceID = "v-1"
            case 2: c.conversionType = "WonClient"
            case 3: c.clickID = "ck-3"
            case 4: c.eventID = "E4"
            case 5: c.statuses = [.pending]
            case 6: c.fromMs = 1_700_000_000_123; c.toMs = 1_900_000_000_456
            default: c.includeTest = true
            }
            filters.append(c)
        }
        for f in filters {
            _ = try await s.listConversions(f, afterSeq: 0, limit: 10)
            _ = try await s.listConversions(f, afterSeq: 20, limit: 10)
            let groupings: [[StatsGrouping]] = [[], [.recipient], [.source], [.type], [.day], [.source, .month], [.type, .week]]
            for g in groupings {
                _ = try await s.stats(try StatsQuery(filter: f, groupings: g))
                _ = try await s.stats(try StatsQuery(filter: f, groupings: g, timeZone: "Asia/Kolkata"))
            }
        }
        for f in 0..<5 {
            var e = EventFilter()
            switch f {
            case 0: e.outcomes = [.rejected]
            case 1: e.recipientID = "crm-1"
            case 2: e.sourceID = "v-1"
            case 3: e.fromMs = 1_700_000_000_000; e.toMs = 1_900_000_000_000
            default: break
            }
            _ = try await s.listEvents(e, afterSeq: 0, limit: 10)
            _ = try await s.listEventsNewestFirst(e, beforeSeq: 0, limit: 10)
            _ = try await s.listEventsNewestFirst(e, beforeSeq: 20, limit: 10)
        }
        _ = try await s.latestEventSeq()

        let due = try await s.dueForwards(nowMs: clock.nowMs(), limit: 10, leaseOwner: "plan")
        _ = try await s.claimForwards(ids: due.map(\.id), owner: "plan", nowMs: clock.nowMs(), leaseMs: 1_000)
        _ = try await s.nextForwardDueAtMs(after: clock.nowMs(), leaseOwner: "plan")
        _ = try await s.outboxCounts()
        if let item = due.first {
            try await s.recordForwardAttempt(item, attempt: ForwardAttempt(atMs: clock.nowMs(), statusCode: 500, bodyPrefix: "", durationMs: 1, error: "x"),
                                             verdict: .dead(reason: "x"), retryAtMs: 0)
            _ = try await s.retryForwards(itemID: item.id, sourceID: nil, idempotency: nil)
        }
        _ = try await s.retryForwards(itemID: nil, sourceID: "v-1", idempotency: claim("r"))
        for f in 0..<4 {
            var o = OutboxFilter()
            switch f {
            case 0: o.sourceID = "v-1"
            case 1: o.state = .pending
            case 2: o.fromMs = 1_700_000_000_000; o.toMs = 1_900_000_000_000
            default: break
            }
            _ = try await s.listForwards(o, afterID: 0, limit: 10, includeAttempts: true)
        }
        _ = try await s.listRecipients(after: nil, limit: 10, includeArchived: false)
        _ = try await s.listSources(after: nil, limit: 10, includeArchived: true)
        _ = try await s.putRecipient(Recipient(id: "crm-1", name: "X"), options: PutOptions(updateFields: ["name"]), idempotency: claim("p"))
        _ = try await s.deleteSource(id: "v-2", idempotency: nil)
        _ = try await s.restoreSource(id: "v-2", idempotency: nil)
        _ = try await s.putRecipient(Recipient(id: "crm-9"))
        _ = try await s.deleteRecipient(id: "crm-9", idempotency: claim("del"))
        for item in try await s.dueForwards(nowMs: clock.nowMs(), limit: 5, leaseOwner: "plan") {
            try await s.recordForwardAttempt(item, attempt: ForwardAttempt(atMs: clock.nowMs(), statusCode: 200, bodyPrefix: "ok", durationMs: 1, error: ""),
                                             verdict: .sent, retryAtMs: 0)
        }
        _ = try await s.eraseDeliveries(.eventID("E2"))
        _ = try await s.eraseDeliveries(.email("a@example.com"))
        clock.advance(ms: IdempotencyClaim.defaultRetentionMs + 1)
        _ = try await s.recordFeedback(sale("E0", "Lead", 1), idempotency: claim("late"), actor: "t")
        _ = try await s.prune(RetentionPolicy(idempotencyMs: 1, sentForwardsMs: 1, batchRows: 2), nowMs: clock.nowMs())
    }
}
