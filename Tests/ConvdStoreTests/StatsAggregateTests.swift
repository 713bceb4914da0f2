import ConvdCore
import ConvdStore
import ConvdTestSupport
import Logging
import ServiceLifecycle
import Testing

/// The hourly stats aggregates stay exactly what the rows say: after a random workload over every
/// write path (deliveries with and without cost, the four modes, negative types, pending and
/// approved, adjustments, returns refused and accepted, retractions, cost corrections), the stored
/// `stats_bucket` rows equal the same rows recomputed from the tables, and stats read from the
/// aggregates equal stats computed from the rows alone, for every grouping, time zone and filter.
struct StatsAggregateTests {
    /// Runs `body` against a real SQLite file with a running writer and a manual clock.
    static func withStorage(_ body: (SQLiteStorage, ManualClock) async throws -> Void) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = try ConvdDatabase(configuration: DatabaseConfiguration(path: dir.file("stats.sqlite")))
        let logger = Logger(label: "test")
        let writer = GroupCommitWriter(database: db, logger: logger)
        // Not on an hour: the first rows fall mid-bucket.
        let clock = ManualClock(ms: 1_792_000_000_000 + 1_234_567)
        let storage = SQLiteStorage(database: db, writer: writer, clock: clock)
        let group = ServiceGroup(services: [writer], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { Task { await group.triggerGracefulShutdown() } }
            try await body(storage, clock)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try db.close()
    }

    /// A seeded mix of every write; returns how many writes took effect.
    @discardableResult
    static func randomWorkload(_ s: SQLiteStorage, clock: ManualClock, steps: Int, seed: UInt64,
                               closed: ((VendorStatement) -> Void)? = nil) async throws -> Int {
        var rng = SeededGenerator(seed: seed)
        var settings = FeedbackSettings.defaults
        settings.returnWindowDays = 0
        _ = try await s.putRecipient(Recipient(id: "crm-1", feedback: settings), options: PutOptions(), idempotency: nil)
        settings.allowedReturnReasons = ["Duplicate", "Invalid"]
        _ = try await s.putRecipient(Recipient(id: "crm-2", feedback: settings), options: PutOptions(), idempotency: nil)
        var v1 = Source(id: "v-1", returnCap: .count(1_000))
        v1.leadCost = LeadCost(defaultCost: Money(amountMinor: 2_500, currency: "EUR"), byRecipient: ["crm-2": Money(amountMinor: 3_000, currency: "EUR")])
        _ = try await s.putSource(v1, options: PutOptions(), idempotency: nil)
        var v2 = Source(id: "v-2")
        v2.leadCost = LeadCost(defaultCost: Money(amountMinor: 1_999, currency: "USD"))
        _ = try await s.putSource(v2, options: PutOptions(), idempotency: nil)
        _ = try await s.putSource(Source(id: "v-3"), options: PutOptions(), idempotency: nil)

        var deliveries: [String] = []
        var conversions: [String] = []
        var done = 0
        let types = ["Lead", "QualifiedLead", "ContractSigned", "WonClient", "FakeLead", "sale", "Sale"]
        let reasons = ["Duplicate", "Invalid", "Wrong number"]
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func money() -> Money? {
            switch rng.next() % 4 {
            case 0: nil
            case 1: Money(amountMinor: Int64(rng.next() % 100_000), currency: "USD")
            default: Money(amountMinor: Int64(rng.next() % 100_000), currency: "EUR")
            }
        }
        for step in 0..<steps {
            // Mostly minutes apart, sometimes hours: rows land in many hours and days.
            clock.advance(ms: rng.next() % 10 == 0 ? Int64(rng.next() % 30_000_000) : Int64(rng.next() % 600_000))
            let op = deliveries.isEmpty ? 0 : rng.next() % 11
            do {
                switch op {
                case 0, 1:
                    var d = Delivery(eventID: "E\(step)", recipientID: pick(["crm-1", "crm-2"]), sourceID: pick(["v-1", "v-2", "v-3"]),
                                     clickID: "ck-\(rng.next() % 50)", test: rng.next() % 8 == 0)
                    if rng.next() % 3 == 0 { d.cost = money() }
                    deliveries.append(try await s.recordDelivery(d, idempotency: nil).eventID)
                case 2, 3, 4:
                    let status: ConversionStatus = rng.next() % 3 == 0 ? .pending : .approved
                    let r = try await s.recordFeedback(FeedbackInput(target: .eventID(pick(deliveries)), kind: .conversion, conversionType: pick(types),
                                                                     amount: money(), transactionID: rng.next() % 2 == 0 ? "" : "T\(rng.next() % 40)",
                                                                     status: status), idempotency: nil, actor: "t")
                    if let c = r.conversion { conversions.append(c.id) }
                case 5:
                    _ = try await s.recordFeedback(FeedbackInput(target: .eventID(pick(deliveries)), kind: .return, reason: pick(reasons)),
                                                   idempotency: nil, actor: "t")
                case 6:
                    _ = try await s.retractReturn(eventID: pick(deliveries), reason: "vendor disputed", actor: "t", idempotency: nil)
                case 7:
                    _ = try await s.adjustCost(eventID: pick(deliveries), cost: money(), reason: "invoice", actor: "t", idempotency: nil)
                case 8:
                    // Close last month (UTC) of a source, when it has ended and is still open.
                    let source = pick(["v-1", "v-2", "v-3"])
                    let month = StatementBuilder.month(before: String(ISOTime.string(ms: clock.nowMs()).prefix(7)))
                    let close = try await s.closeMonth(sourceID: source, month: month, timeZone: "", actor: "t", idempotency: nil)
                    closed?(try await s.statement(sourceID: source, month: close.month, timeZone: ""))
                default:
                    guard !conversions.isEmpty else { continue }
                    let kind: AdjustmentInput.Kind = pick([.approve, .reject, .retract, .restate])
                    _ = try await s.adjust(AdjustmentInput(target: .conversionID(pick(conversions)), kind: kind,
                                                           amount: kind == .restate ? money() ?? Money(amountMinor: 1, currency: "EUR") : nil),
                                           idempotency: nil, actor: "t")
                }
                done += 1
            } catch {
                // Refusals (window, duplicates, nothing to correct) are part of the mix.
            }
        }
        return done
    }

    @Test func aggregatesEqualTheRowsAfterARandomWorkload() async throws {
        try await Self.withStorage { s, clock in
            let done = try await Self.randomWorkload(s, clock: clock, steps: 1_500, seed: 42)
            #expect(done > 1_000, "only \(done) writes took effect")
            let (stored, recomputed) = try await s.statsBucketsStoredAndRecomputed()
            #expect(stored.count > 300, "the workload spread over only \(stored.count) aggregate rows")
            #expect(stored == recomputed)
            if stored != recomputed {
                let extra = Set(stored).subtracting(recomputed), missing = Set(recomputed).subtracting(stored)
                Issue.record("stored but not recomputed: \(extra.prefix(3)); recomputed but not stored: \(missing.prefix(3))")
            }
            let days = try await s.statsDaysStoredAndRolledUp()
            #expect(days.stored.count > 10 && days.stored.count < stored.count)
            #expect(days.stored == days.rolledUp)
        }
    }

    @Test func closedMonthsNeverChangeAndEveryFigureLandsInExactlyOneStatement() async throws {
        try await Self.withStorage { s, clock in
            let start = clock.nowMs()
            var atClose: [VendorStatement] = []
            try await Self.randomWorkload(s, clock: clock, steps: 2_500, seed: 11) { atClose.append($0) }
            #expect(atClose.count >= 2, "the workload closed only \(atClose.count) months")
            let (stored, recomputed) = try await s.statementBucketsStoredAndRecomputed()
            #expect(!stored.isEmpty && stored == recomputed)
            var late = 0
            for sourceID in ["v-1", "v-2", "v-3"] {
                // Every month from the first delivery's to the current one, own and prior-period lines.
                var month = String(ISOTime.string(ms: start).prefix(7))
                let last = String(ISOTime.string(ms: clock.nowMs()).prefix(7))
                var all: [StatementLine] = []
                while month <= last {
                    let st = try await s.statement(sourceID: sourceID, month: month, timeZone: "")
                    if let then = atClose.first(where: { $0.sourceID == sourceID && $0.month == month }) {
                        #expect(st == then, "closed \(sourceID) \(month) changed after its close: now \(st.lines.map(Self.figure).filter { !then.lines.map(Self.figure).contains($0) }) + prior \(st.priorPeriod.map(Self.figure).filter { !then.priorPeriod.map(Self.figure).contains($0) }), then \(then.lines.map(Self.figure).filter { !st.lines.map(Self.figure).contains($0) }) + prior \(then.priorPeriod.map(Self.figure).filter { !st.priorPeriod.map(Self.figure).contains($0) }); closes \(st.closed.map { "\($0)" } ?? "none")")
                    }
                    late += st.priorPeriod.count
                    all += st.lines + st.priorPeriod
                    month = StatementBuilder.month(after: month)
                }
                // Summed over every statement, each figure equals the rows' current total.
                let everything = try await s.statementTotalsFromRows(sourceID: sourceID)
                let summed = try StatementBuilder.lines(all.map { l in
                    StatementFact(bucketMs: 0, epoch: 0, section: l.section, label: l.label, currency: l.amount?.currency ?? l.pending?.currency ?? "",
                                  count: l.count, amount: l.amount?.amountMinor ?? 0, amountN: l.amount == nil ? 0 : 1,
                                  pending: l.pending?.amountMinor ?? 0, pendingN: l.pending == nil ? 0 : 1)
                }, leadMonth: "")
                // A line and its reversal in a later statement sum to nothing.
                let nonzero = summed.filter { $0.count != 0 || ($0.amount?.amountMinor ?? 0) != 0 || ($0.pending?.amountMinor ?? 0) != 0 }
                #expect(nonzero.map(Self.figure) == everything.map(Self.figure), "source \(sourceID)")
            }
            #expect(late > 0, "no change arrived after a close, so no prior-period line was checked")
        }
    }

    /// A line's figures without its month.
    static func figure(_ l: StatementLine) -> String {
        "\(l.section) \(l.label) \(l.count) \(l.amount.map { "\($0.amountMinor) \($0.currency)" } ?? "-") \(l.pending.map { "\($0.amountMinor) \($0.currency)" } ?? "-")"
    }

    @Test func statsFromAggregatesEqualStatsFromRows() async throws {
        try await Self.withStorage { s, clock in
            let start = clock.nowMs()
            try await Self.randomWorkload(s, clock: clock, steps: 800, seed: 7)
            let end = clock.nowMs()
            var filters: [ConversionFilter] = [ConversionFilter()]
            var f = ConversionFilter(); f.recipientID = "crm-2"; filters.append(f)
            f = ConversionFilter(); f.conversionType = "wonclient"; filters.append(f)
            f = ConversionFilter(); f.statuses = [.pending, .rejected]; filters.append(f)
            f = ConversionFilter(); f.includeTest = true; f.sourceID = "v-1"; filters.append(f)
            // Neither end on an hour, and a range inside one hour.
            f = ConversionFilter(); f.fromMs = start + (end - start) / 3 + 17; f.toMs = end - (end - start) / 4 - 911; filters.append(f)
            f = ConversionFilter(); f.fromMs = start + 60_000; f.toMs = start + 1_800_000; filters.append(f)
            let groupings: [[StatsGrouping]] = [[], [.recipient], [.type], [.day], [.source, .month], [.type, .week], [.day, .type], [.recipient, .source]]
            var compared = 0
            for zone in ["", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns"] {
                for filter in filters {
                    for g in groupings {
                        let q = try StatsQuery(filter: filter, groupings: g, timeZone: zone)
                        let fast = try await s.stats(q), slow = try await s.statsFromRows(q)
                        if fast != slow {
                            let a = fast.filter { !slow.contains($0) }.prefix(2), b = slow.filter { !fast.contains($0) }.prefix(2)
                            Issue.record("zone '\(zone)', groupings \(g), filter \(filter): aggregates say \(a), rows say \(b)")
                        }
                        compared += fast.count
                    }
                }
            }
            #expect(compared > 1_000, "the queries returned only \(compared) rows in all")
        }
    }

    @Test func aGroupingTwiceOrTwoPeriodsOrAnUnknownZoneIsRefused() async throws {
        #expect(throws: ConvdError.self) { try StatsQuery(groupings: [.source, .source]) }
        #expect(throws: ConvdError.self) { try StatsQuery(groupings: [.day, .month]) }
        try await Self.withStorage { s, _ in
            await #expect(throws: ConvdError.self) { try await s.stats(try StatsQuery(groupings: [.day], timeZone: "Mars/Olympus")) }
        }
    }
}
