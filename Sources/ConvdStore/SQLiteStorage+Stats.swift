import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Counts and values grouped by recipient, source, type or UTC day, computed from the tables
    /// in one read snapshot. A delivery has no type: grouped by type, each row's deliveries is the
    /// total, and returns and rejected feedback are not split by type. Values are the conversions'
    /// approved and pending columns (for INCREMENT, sums over instalments); negative types count as
    /// flagged only. The conversion rate is by delivery cohort: of the deliveries in the filter,
    /// those with a counted conversion, so it never exceeds 100%. Each query here is a deliberate full
    /// pass over the filtered rows (marked for the query-plan test) until stats read per-day aggregates.
    public func stats(_ filter: ConversionFilter, groupBy: StatsGrouping) async throws(ConvdError) -> [StatsRow] {
        try await read("computing stats") { db in
            var rows: [String: StatsRow] = [:]
            func row(_ g: String) -> StatsRow { rows[g] ?? StatsRow(group: g) }
            func day(_ column: String) -> String { "strftime('%Y-%m-%d', \(column) / 1000, 'unixepoch')" }

            // Deliveries.
            let dGroup: String = switch groupBy {
            case .none, .type: "''"
            case .recipient: "recipient_id"
            case .source: "source_id"
            case .day: day("delivered_at_ms")
            }
            var d = Where()
            d.common(filter, time: "delivered_at_ms")
            for r in try Row.fetchAll(db, sql: "SELECT /* full pass */ \(dGroup) AS g, count(*) AS n FROM delivery \(d.sql) GROUP BY g",
                                      arguments: d.args) {
                var s = row(Self.group(r)); s.deliveries = r["n"]; rows[s.group] = s
            }
            // Costs per group and currency from `source` (a table or subquery with cost columns),
            // summed as halves like the values, into `field`.
            func sumCosts(_ g: String, from source: String, _ w: Where, into field: WritableKeyPath<StatsRow, [Money]>,
                          what: String) throws {
                for r in try Row.fetchAll(db, sql: """
                    SELECT /* full pass */ \(g) AS g, cost_currency AS currency, sum(cost_minor >> 32) AS h, sum(cost_minor & 4294967295) AS l
                    FROM \(source) \(w.sql)\(w.clauses.isEmpty ? "WHERE" : " AND") cost_minor IS NOT NULL GROUP BY g, currency ORDER BY currency
                    """, arguments: w.args) {
                    var s = row(Self.group(r))
                    let currency: String = r["currency"]
                    let total = try Self.exactSum(high: r["h"], low: r["l"], group: s.group, status: what, currency: currency)
                    s[keyPath: field] = try Self.add(total, currency, to: s[keyPath: field], group: s.group)
                    rows[s.group] = s
                }
            }
            try sumCosts(dGroup, from: "delivery", d, into: \.cost, what: "cost")

            // Conversions, by status and currency.
            let cGroup: String = switch groupBy {
            case .none: "''"
            case .recipient: "recipient_id"
            case .source: "source_id"
            case .type: "conversion_type"
            case .day: day("created_at_ms")
            }
            let w = ConversionWhere(filter)
            for r in try Row.fetchAll(db, sql: """
                SELECT /* full pass */ \(cGroup) AS g, status, negative, currency, count(*) AS n,
                  sum(approved_minor >> 32) AS ah, sum(approved_minor & 4294967295) AS al,
                  sum(pending_minor >> 32) AS ph, sum(pending_minor & 4294967295) AS pl
                FROM conversion \(w.sql) GROUP BY g, status, negative, currency ORDER BY currency
                """, arguments: StatementArguments(w.arguments)) {
                var s = row(Self.group(r))
                let n: UInt64 = r["n"]
                let currency: String? = r["currency"]
                let status = try StoredEnum.decode(ConversionStatus.self, r["status"] ?? "", "a conversion status in stats group '\(s.group)'")
                let negative: Bool = r["negative"]
                switch status {
                case .approved, .pending:
                    if negative { s.flagged += n; break }
                    s.conversions += n
                    if status == .pending { s.pendingConversions += n }
                    if let currency {
                        // A NULL sum means no row had that value: nothing to add, not a zero.
                        if let high: Int64 = r["ah"] {
                            let approved = try Self.exactSum(high: high, low: r["al"] ?? 0, group: s.group, status: "APPROVED", currency: currency)
                            s.approvedValue = try Self.add(approved, currency, to: s.approvedValue, group: s.group)
                        }
                        if let high: Int64 = r["ph"] {
                            let pending = try Self.exactSum(high: high, low: r["pl"] ?? 0, group: s.group, status: "PENDING", currency: currency)
                            s.pendingValue = try Self.add(pending, currency, to: s.pendingValue, group: s.group)
                        }
                    }
                case .rejected: s.rejectedConversions += n
                case .retracted: s.retractedConversions += n
                }
                rows[s.group] = s
            }

            // Converted deliveries: of the deliveries in the filter, those with a counted conversion.
            var cd = Where()
            cd.common(filter, time: "delivered_at_ms")
            var counted = "c.event_id = delivery.event_id AND c.negative = 0 AND c.status IN ('APPROVED', 'PENDING')"
            var countedArgs: [any DatabaseValueConvertible] = []
            if !filter.conversionType.isEmpty {
                counted += " AND c.type_key = ?"
                countedArgs.append(filter.conversionType.lowercased())
            }
            if groupBy == .type {
                let scoped = cd.clauses.map { "delivery." + $0 }
                let whereSQL = scoped.isEmpty ? "" : "WHERE " + scoped.joined(separator: " AND ")
                for r in try Row.fetchAll(db, sql: """
                    SELECT /* full pass */ c.conversion_type AS g, count(DISTINCT delivery.event_id) AS n FROM delivery JOIN conversion c ON \(counted)
                    \(whereSQL) GROUP BY c.conversion_type
                    """, arguments: StatementArguments(countedArgs + cd.values)) {
                    var s = row(Self.group(r)); s.convertedDeliveries = r["n"]; rows[s.group] = s
                }
            } else {
                var scoped = cd
                scoped.clauses.append("EXISTS (SELECT 1 FROM conversion c WHERE \(counted))")
                scoped.values += countedArgs
                for r in try Row.fetchAll(db, sql: "SELECT /* full pass */ \(dGroup) AS g, count(*) AS n FROM delivery \(scoped.sql) GROUP BY g",
                                          arguments: scoped.args) {
                    var s = row(Self.group(r)); s.convertedDeliveries = r["n"]; rows[s.group] = s
                }
            }

            // Credits: the cost of each delivery whose return stands.
            let returns = "(SELECT r.*, d.cost_minor, d.cost_currency FROM delivery_return r JOIN delivery d ON d.event_id = r.event_id)"
            func credits(_ rGroup: String, _ rw: Where) throws {
                try sumCosts(rGroup, from: returns, rw, into: \.credits, what: "credit")
            }

            // Returns and rule-rejected feedback.
            if groupBy != .type {
                let rGroup = groupBy == .day ? day("returned_at_ms") : dGroup
                var rw = Where()
                rw.common(filter, time: "returned_at_ms")
                rw.clauses.append("retracted_at_ms = 0")
                for r in try Row.fetchAll(db, sql: "SELECT /* full pass */ \(rGroup) AS g, count(*) AS n FROM \(returns) \(rw.sql) GROUP BY g",
                                          arguments: rw.args) {
                    var s = row(Self.group(r)); s.returns = r["n"]; rows[s.group] = s
                }
                try credits(rGroup, rw)
                let eGroup = groupBy == .day ? day("received_at_ms") : dGroup
                var ew = Where()
                ew.common(filter, time: "received_at_ms")
                ew.add("outcome = ?", FeedbackOutcome.rejected.rawValue)
                for r in try Row.fetchAll(db, sql: "SELECT /* full pass */ \(eGroup) AS g, count(*) AS n FROM feedback_event \(ew.sql) GROUP BY g",
                                          arguments: ew.args) {
                    var s = row(Self.group(r)); s.rejectedFeedback = r["n"]; rows[s.group] = s
                }
            } else {
                // Deliveries, costs and credits have no type: each type's row carries the totals.
                var rw = Where()
                rw.common(filter, time: "returned_at_ms")
                rw.clauses.append("retracted_at_ms = 0")
                try credits("''", rw)
                let all = rows[""] ?? StatsRow(group: "")
                for key in rows.keys {
                    rows[key]?.deliveries = all.deliveries
                    rows[key]?.cost = all.cost
                    rows[key]?.credits = all.credits
                }
                rows[""] = nil
            }
            return rows.values.sorted { $0.group < $1.group }
        }
    }

    /// A group's name; a day SQLite cannot name (a stored time past year 9999) reads as "invalid-date"
    /// rather than trapping on NULL.
    private static func group(_ row: Row) -> String {
        let g: String? = row["g"]
        return g ?? "invalid-date"
    }

    /// The exact sum of amounts that SQL summed as high and low 32-bit halves (so SQLite's own
    /// sum can never overflow), recombined with checked arithmetic.
    /// - Throws: `failedPrecondition` naming the group when the total does not fit in Int64.
    static func exactSum(high: Int64, low: Int64, group: String, status: String, currency: String) throws(ConvdError) -> Int64 {
        let (shifted, o1) = high.multipliedReportingOverflow(by: 1 << 32)
        let (sum, o2) = shifted.addingReportingOverflow(low)
        guard !o1 && !o2 else { throw overflow(group: group, what: "\(status) value in \(currency)") }
        return sum
    }

    private static func add(_ amount: Int64, _ currency: String, to values: [Money], group: String) throws(ConvdError) -> [Money] {
        var v = values
        let more = Money(amountMinor: amount, currency: currency)
        if let i = v.firstIndex(where: { $0.currency == currency }) {
            guard let sum = v[i].adding(more) else { throw overflow(group: group, what: "value in \(currency)") }
            v[i] = sum
        } else {
            v.append(more)
        }
        return v
    }

    private static func overflow(group: String, what: String) -> ConvdError {
        .failedPrecondition(
            "the \(what) of stats group '\(group)' exceeds the largest amount (\(Int64.max) minor units); narrow the filter (by recipient, source or time)")
    }

    /// WHERE clauses shared by the delivery, return and event tables.
    private struct Where {
        var clauses: [String] = []
        var values: [any DatabaseValueConvertible] = []

        mutating func add(_ clause: String, _ value: any DatabaseValueConvertible) {
            clauses.append(clause)
            values.append(value)
        }

        mutating func common(_ f: ConversionFilter, time: String) {
            if !f.recipientID.isEmpty { add("recipient_id = ?", f.recipientID) }
            if !f.sourceID.isEmpty { add("source_id = ?", f.sourceID) }
            if !f.eventID.isEmpty { add("event_id = ?", f.eventID) }
            if f.fromMs > 0 { add("\(time) >= ?", f.fromMs) }
            if f.toMs > 0 { add("\(time) < ?", f.toMs) }
            if !f.includeTest { clauses.append("test = 0") }
        }

        var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }
        var args: StatementArguments { StatementArguments(values) }
    }
}
