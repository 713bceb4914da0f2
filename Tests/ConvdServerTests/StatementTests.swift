import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// Monthly vendor statements and month close, to the minor unit, through the real server: a
/// month's figures, the time zone of its boundaries, a close that freezes it, and the returns,
/// cost corrections and conversions that arrive later landing in the next open month as
/// prior-period lines naming the month of their leads.
struct StatementTests {
    static let oct5: Int64 = 1_791_201_600_000, oct20: Int64 = 1_792_497_600_000
    /// 2026-10-31T23:30Z: October in UTC, November 1st in Berlin.
    static let oct31Late: Int64 = 1_793_489_400_000
    static let nov3: Int64 = 1_793_707_200_000, nov10: Int64 = 1_794_268_800_000, dec2: Int64 = 1_796_169_600_000

    static func statement(_ c: ConvdClient, _ month: String, tz: String = "", detail: Bool = false, pageSize: UInt32 = 0,
                          token: String = "") async throws -> Convd_V1_StatementResponse {
        var r = Convd_V1_StatementRequest()
        r.sourceID = "vendor-1"
        r.month = month
        r.timeZone = tz
        r.detail = detail
        r.pageSize = pageSize
        r.pageToken = token
        return try await c.statement(r)
    }

    /// "section label month count amount pending" per line, in order.
    static func text(_ lines: [Convd_V1_StatementLine]) -> [String] {
        lines.map { l in
            let amount = l.hasAmount ? "\(l.amount.amountMinor) \(l.amount.currency)" : "-"
            let pending = l.hasPending ? "\(l.pending.amountMinor) \(l.pending.currency)" : "-"
            return "\(l.section) \(l.label) \(l.leadMonth) \(l.count) \(amount) \(pending)".replacingOccurrences(of: "  ", with: " ")
        }
    }

    static func failed(_ code: StatusCode, _ words: String, _ body: () async throws -> Void) async {
        await #expect { try await body() } throws: { e in
            guard let e = e as? StatusError else { return false }
            return e.code == code && e.message.contains(words)
        }
    }

    @Test func aMonthCloseFreezesItAndLateChangesBecomePriorPeriodLines() async throws {
        let clock = ManualClock(ms: Self.nov10)
        try await TestServer(clock: clock).run { server in
            let c = try await server.client()
            _ = try await c.putRecipient(Fixtures.recipient("crm-1") { $0.returnWindowDays = 0 })
            var vendor = Fixtures.source("vendor-1")
            vendor.leadCost.defaultCost = Fixtures.money(2_500, "USD")
            _ = try await c.putSource(vendor)
            for (id, at) in [("E1", Self.oct5), ("E2", Self.oct20), ("E3", Self.oct31Late), ("E4", Self.nov3)] {
                var d = Fixtures.delivery(id, recipient: "crm-1", source: "vendor-1", deliveredAtMs: at)
                if id == "E2" { d.cost = Fixtures.money(3_000, "USD") }
                _ = try await c.recordDelivery(d)
            }
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 10_000, "USD"))
            var pending = Fixtures.conversion("E2", "Lead", 5_000, "USD")
            pending.status = .pending
            _ = try await c.recordFeedback(pending)
            _ = try await c.recordFeedback(Fixtures.returned("E2", reason: "Duplicate"))

            let october = try await Self.statement(c, "2026-10")
            #expect(Self.text(october.lines) == [
                "leads 2026-10 3 8000 USD -", "returns Duplicate 2026-10 1 3000 USD -",
                "conversions Lead 2026-10 1 - 5000 USD", "conversions WonClient 2026-10 1 10000 USD -",
            ])
            #expect(october.owed == [Fixtures.money(5_000, "USD")])
            #expect(october.timeZone == "UTC" && !october.hasClosed && october.priorPeriod.isEmpty)
            // In Berlin, E3 is a November lead.
            let octBerlin = try await Self.statement(c, "2026-10", tz: "Europe/Berlin")
            #expect(Self.text(octBerlin.lines).first == "leads 2026-10 2 5500 USD -")
            #expect(octBerlin.owed == [Fixtures.money(2_500, "USD")])
            #expect(Self.text(try await Self.statement(c, "2026-11", tz: "Europe/Berlin").lines) == ["leads 2026-11 2 5000 USD -"])

            await Self.failed(.failedPrecondition, "a month closes once it has ended") { _ = try await c.closeMonth(sourceID: "vendor-1", month: "2026-11") }
            await Self.failed(.invalidArgument, "YYYY-MM") { _ = try await c.closeMonth(sourceID: "vendor-1", month: "October") }
            await Self.failed(.notFound, "no source") { _ = try await c.closeMonth(sourceID: "vendor-9", month: "2026-10") }
            let closed = try await c.closeMonth(sourceID: "vendor-1", month: "2026-10")
            #expect(closed.lines == october.lines && closed.owed == october.owed)
            #expect(closed.closed.month == "2026-10" && closed.closed.closedAtMs == Self.nov10 && closed.closed.closedBy.hasPrefix("uid:"))
            await Self.failed(.failedPrecondition, "was closed already") { _ = try await c.closeMonth(sourceID: "vendor-1", month: "2026-10") }
            await Self.failed(.failedPrecondition, "closes its months in UTC") { _ = try await Self.statement(c, "2026-10", tz: "Europe/Berlin") }

            // After the close: a return, a cost correction, a retraction and a conversion on October leads, and a new lead.
            _ = try await c.recordFeedback(Fixtures.returned("E1", reason: "Invalid"))
            _ = try await SpendTests.adjustCost(c, "E3", Fixtures.money(2_000, "USD"), "vendor invoice")
            _ = try await SpendTests.retractReturn(c, "E2", "vendor proved it unique")
            _ = try await c.recordFeedback(Fixtures.conversion("E3", "Lead", 700, "USD"))
            _ = try await c.recordDelivery(Fixtures.delivery("E5", recipient: "crm-1", source: "vendor-1"))

            let octoberAfter = try await Self.statement(c, "2026-10")
            #expect(octoberAfter == closed, "a closed month changed")
            let november = try await Self.statement(c, "2026-11")
            #expect(Self.text(november.lines) == ["leads 2026-11 2 5000 USD -"])
            #expect(Self.text(november.priorPeriod) == [
                "leads 2026-10 0 -500 USD -", "returns Duplicate 2026-10 -1 -3000 USD -", "returns Invalid 2026-10 1 2500 USD -",
                "conversions Lead 2026-10 1 700 USD -",
            ])
            // 5000 + (-500) leads, minus (-3000 + 2500) credits.
            #expect(november.owed == [Fixtures.money(5_000, "USD")])

            // November closes in December; a change to an October lead now lands in December.
            clock.set(ms: Self.dec2)
            let novClosed = try await c.closeMonth(sourceID: "vendor-1", month: "2026-11")
            #expect(novClosed.priorPeriod == november.priorPeriod && novClosed.owed == november.owed)
            _ = try await SpendTests.retractReturn(c, "E1", "duplicate claim")
            #expect(try await Self.statement(c, "2026-11") == novClosed)
            let december = try await Self.statement(c, "2026-12")
            #expect(Self.text(december.priorPeriod) == ["returns Invalid 2026-10 -1 -2500 USD -"])
            #expect(december.owed == [Fixtures.money(2_500, "USD")])

            // The detail traces October's leads, two to a page.
            let page1 = try await Self.statement(c, "2026-10", detail: true, pageSize: 2)
            #expect(page1.details.map(\.eventID) == ["E1", "E2"] && !page1.nextPageToken.isEmpty)
            #expect(page1.details.first?.conversionIds.first?.hasSuffix(":WonClient") == true)
            #expect(page1.details.map { $0.cost.amountMinor } == [2_500, 3_000])
            let page2 = try await Self.statement(c, "2026-10", detail: true, pageSize: 2, token: page1.nextPageToken)
            #expect(page2.details.map(\.eventID) == ["E3"] && page2.nextPageToken.isEmpty && page2.details[0].cost.amountMinor == 2_000)
            await Self.failed(.invalidArgument, "page token") { _ = try await Self.statement(c, "2026-10", detail: true, token: "nonsense") }
        }
    }

    @Test func statsGroupBySourceAndMonthInATimeZone() async throws {
        let clock = ManualClock(ms: Self.nov10)
        try await TestServer(clock: clock).run { server in
            let c = try await server.client()
            _ = try await c.putRecipient(Fixtures.recipient("crm-1"))
            var vendor = Fixtures.source("vendor-1")
            vendor.leadCost.defaultCost = Fixtures.money(2_500, "USD")
            _ = try await c.putSource(vendor)
            _ = try await c.putSource(Fixtures.source("vendor-2"))
            for (id, source, at) in [("E1", "vendor-1", Self.oct5), ("E2", "vendor-1", Self.oct31Late), ("E3", "vendor-1", Self.nov3),
                                     ("E4", "vendor-2", Self.oct31Late)] {
                _ = try await c.recordDelivery(Fixtures.delivery(id, recipient: "crm-1", source: source, deliveredAtMs: at))
            }
            func rows(_ tz: String) async throws -> [String] {
                var r = Convd_V1_StatsRequest()
                r.groupBy = .source
                r.thenBy = .month
                r.timeZone = tz
                return try await c.stats(r).map { "\($0.group) \($0.subgroup) \($0.deliveries) \($0.cost.map { "\($0.amountMinor)" }.joined())" }
            }
            #expect(try await rows("") == ["vendor-1 2026-10 2 5000", "vendor-1 2026-11 1 2500", "vendor-2 2026-10 1 "])
            #expect(try await rows("Europe/Berlin") == ["vendor-1 2026-10 1 2500", "vendor-1 2026-11 2 5000", "vendor-2 2026-11 1 "])
            var week = Convd_V1_StatsRequest()
            week.groupBy = .week
            #expect(try await c.stats(week).map(\.group) == ["2026-W41", "2026-W44", "2026-W45"])
            var twice = Convd_V1_StatsRequest()
            twice.groupBy = .day
            twice.thenBy = .month
            await Self.failed(.invalidArgument, "two periods") { _ = try await c.stats(twice) }
            var zone = Convd_V1_StatsRequest()
            zone.timeZone = "Europe/Atlantis"
            await Self.failed(.invalidArgument, "not an IANA time zone") { _ = try await c.stats(zone) }
        }
    }
}
