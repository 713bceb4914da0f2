import ConvdCore
import GRDB

extension SQLiteStorage {
    /// A source's statement for `month` in `timeZone`, from the statement aggregates: the month's
    /// own figures (for a closed month, only what was written before it closed), the prior-period
    /// adjustments booked into it, what is owed, and, with `detail`, a page of its leads.
    /// - Throws: `notFound` for an unknown source, `invalid` for a bad month, zone or page token,
    ///   `failedPrecondition` when the source's months were closed in another zone.
    public func statement(sourceID: String, month: String, timeZone: String, detail: Bool = false, pageSize: Int = 100,
                          pageToken: String = "") async throws(ConvdError) -> VendorStatement {
        let after = try Self.detailCursor(pageToken)
        return try await read("building a statement") { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM source WHERE id = ?", arguments: [sourceID]) == true else {
                throw ConvdError.notFound("no source '\(sourceID)'")
            }
            let closes = try Self.closes(sourceID: sourceID, in: db)
            let labeler = try Self.statementZone(timeZone, closes: closes, sourceID: sourceID)
            let bounds = try labeler.monthBounds(month)
            var s = VendorStatement(sourceID: sourceID, month: month, timeZone: labeler.zoneName, fromMs: bounds.from, toMs: bounds.to)
            s.closed = closes[month]
            let own = try Self.statementFacts(sourceID: sourceID, from: bounds.from, to: bounds.to, epochBelow: s.closed?.epoch, in: db)
            s.lines = try StatementBuilder.lines(own, leadMonth: month)
            // Only closed months right before this one can book into it: an open month in between
            // takes their late changes itself.
            var p = StatementBuilder.month(before: month)
            var prior: [StatementLine] = []
            while let c = closes[p] {
                let late = try Self.statementFacts(sourceID: sourceID, from: c.fromMs, to: c.toMs, epochAtLeast: c.epoch, in: db)
                    .filter { StatementBuilder.booking(leadMonth: p, epoch: $0.epoch, closes: closes) == month }
                prior = try StatementBuilder.lines(late, leadMonth: p) + prior
                p = StatementBuilder.month(before: p)
            }
            s.priorPeriod = prior
            s.owed = try StatementBuilder.owed(s.lines + s.priorPeriod)
            if detail {
                (s.details, s.nextPageToken) = try Self.statementDetails(sourceID: sourceID, from: bounds.from, to: bounds.to, after: after,
                                                                          limit: pageSize, in: db)
            }
            return s
        }
    }

    /// Closes a source's month: from now on its statement never changes, and later changes to its
    /// leads are booked into the next open month. The month must have ended; every month of a
    /// source closes in one zone.
    /// - Throws: `notFound`, `invalid`, or `failedPrecondition` (not ended, closed already, another zone).
    public func closeMonth(sourceID: String, month: String, timeZone: String, actor: String,
                           idempotency: IdempotencyClaim?) async throws(ConvdError) -> StatementClose {
        let now = clock.nowMs()
        return try await idempotentWrite("Sources/CloseMonth", idempotency, nowMs: now) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM source WHERE id = ?", arguments: [sourceID]) == true else {
                throw ConvdError.notFound("no source '\(sourceID)'")
            }
            let closes = try Self.closes(sourceID: sourceID, in: db)
            let labeler = try Self.statementZone(timeZone, closes: closes, sourceID: sourceID)
            let bounds = try labeler.monthBounds(month)
            if let c = closes[month] {
                throw ConvdError.failedPrecondition("\(month) of source '\(sourceID)' was closed already, at \(ISOTime.string(ms: c.closedAtMs)) by \(c.closedBy)")
            }
            guard bounds.to <= now else {
                throw ConvdError.failedPrecondition("\(month) in \(labeler.zoneName) ends at \(ISOTime.string(ms: bounds.to)); a month closes once it has ended")
            }
            try db.execute(sql: "UPDATE source SET close_epoch = close_epoch + 1 WHERE id = ?", arguments: [sourceID])
            let epoch = try Int64.fetchOne(db, sql: "SELECT close_epoch FROM source WHERE id = ?", arguments: [sourceID]) ?? 0
            let close = StatementClose(month: month, timeZone: labeler.zoneName, fromMs: bounds.from, toMs: bounds.to, epoch: epoch,
                                       closedAtMs: now, closedBy: actor)
            try db.execute(sql: """
                INSERT INTO statement_close (source_id, month, time_zone, from_ms, to_ms, epoch, closed_at_ms, closed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sourceID, month, close.timeZone, close.fromMs, close.toMs, close.epoch, close.closedAtMs, close.closedBy])
            return close
        }
    }

    /// Every statement aggregate row as stored (close counts summed away) and as recomputed from
    /// the tables, without zero rows and sorted alike: equal when the triggers kept them exact.
    public func statementBucketsStoredAndRecomputed() async throws(ConvdError) -> (stored: [String], recomputed: [String]) {
        try await read("checking the statement aggregates") { db in
            let sums = StatementBucketSQL.counters.map { "sum(\($0)) AS \($0)" }.joined(separator: ", ")
            let keys = StatementBucketSQL.keys.filter { $0 != "epoch" }.joined(separator: ", ")
            func lines(_ sql: String) throws -> [String] {
                try Row.fetchAll(db, sql: sql).map { r in
                    (StatementBucketSQL.keys.filter { $0 != "epoch" } + StatementBucketSQL.counters).map { "\(r[$0] ?? "")" }.joined(separator: "|")
                }.filter { line in !line.hasSuffix("|0|0|0|0|0") }.sorted()
            }
            return (try lines("SELECT /* full pass */ \(keys), \(sums) FROM statement_bucket GROUP BY \(keys)"),
                    try lines("SELECT \(keys), \(sums) FROM (\(StatementBucketSQL.raw)) GROUP BY \(keys)"))
        }
    }

    static func closes(sourceID: String, in db: Database) throws -> [String: StatementClose] {
        var out: [String: StatementClose] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT * FROM statement_close WHERE source_id = ?", arguments: [sourceID]) {
            let c = StatementClose(month: r["month"], timeZone: r["time_zone"], fromMs: r["from_ms"], toMs: r["to_ms"], epoch: r["epoch"],
                                   closedAtMs: r["closed_at_ms"], closedBy: r["closed_by"])
            out[c.month] = c
        }
        return out
    }

    /// The zone a source's statements use: the one its months were closed in, else `requested`, else UTC.
    static func statementZone(_ requested: String, closes: [String: StatementClose], sourceID: String) throws(ConvdError) -> PeriodLabeler {
        let closedIn = closes.values.first?.timeZone
        let labeler = try PeriodLabeler(zone: requested.isEmpty ? closedIn ?? "" : requested)
        if let closedIn, closedIn != labeler.zoneName {
            throw .failedPrecondition("source '\(sourceID)' closes its months in \(closedIn); ask in that time zone (or leave it empty), not \(labeler.zoneName)")
        }
        return labeler
    }

    static func statementFacts(sourceID: String, from: Int64, to: Int64, epochBelow: Int64? = nil, epochAtLeast: Int64? = nil,
                               in db: Database) throws -> [StatementFact] {
        var sql = "SELECT * FROM statement_bucket WHERE source_id = ? AND bucket_ms >= ? AND bucket_ms < ?"
        var args: [any DatabaseValueConvertible] = [sourceID, from, to]
        if let epochBelow { sql += " AND epoch < ?"; args.append(epochBelow) }
        if let epochAtLeast { sql += " AND epoch >= ?"; args.append(epochAtLeast) }
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { r in
            StatementFact(bucketMs: r["bucket_ms"], epoch: r["epoch"], section: StatementSection(rawValue: r["section"]) ?? .leads, label: r["label"],
                          currency: r["currency"], count: r["count"], amount: r["amount"], amountN: r["amount_n"], pending: r["pending"],
                          pendingN: r["pending_n"])
        }
    }

    /// "ms:eventID" of the last detail line shown, or nil for the first page.
    static func detailCursor(_ token: String) throws(ConvdError) -> (ms: Int64, eventID: String)? {
        guard !token.isEmpty else { return nil }
        guard let colon = token.firstIndex(of: ":"), let ms = Int64(token[..<colon]) else {  // no-trap: parses text
            throw .invalid(field: "page_token", "'\(token)' is not a page token this server gave")
        }
        return (ms, String(token[token.index(after: colon)...]))
    }

    static func statementDetails(sourceID: String, from: Int64, to: Int64, after: (ms: Int64, eventID: String)?, limit: Int,
                                 in db: Database) throws -> ([StatementDetail], String) {
        var sql = """
            SELECT event_id, recipient_id, delivered_at_ms, cost_minor, cost_currency FROM delivery
            WHERE source_id = ? AND delivered_at_ms >= ? AND delivered_at_ms < ? AND test = 0
            """
        var args: [any DatabaseValueConvertible] = [sourceID, from, to]
        if let after {
            sql += " AND (delivered_at_ms, event_id) > (?, ?)"
            args += [after.ms, after.eventID]
        }
        sql += " ORDER BY delivered_at_ms, event_id LIMIT ?"
        args.append(limit + 1)
        let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args))
        var details: [StatementDetail] = []
        for r in rows.prefix(limit) {
            let eventID: String = r["event_id"]
            var d = StatementDetail(eventID: eventID, recipientID: r["recipient_id"], deliveredAtMs: r["delivered_at_ms"],
                                    cost: Money(storedMinor: r["cost_minor"], currency: r["cost_currency"]))
            if let ret = try Row.fetchOne(db, sql: "SELECT reason, event_seq FROM delivery_return WHERE event_id = ? AND retracted_at_ms = 0",
                                          arguments: [eventID]) {
                d.returnReason = ret["reason"]
                d.returnFeedbackSeq = ret["event_seq"]
            }
            for c in try Row.fetchAll(db, sql: """
                SELECT id, conversion_type, approved_minor, currency FROM conversion
                WHERE event_id = ? AND negative = 0 AND status IN ('APPROVED', 'PENDING') ORDER BY seq
                """, arguments: [eventID]) {
                d.conversionIDs.append("\(c["id"] as String):\(c["conversion_type"] as String)")
                if let m = Money(storedMinor: c["approved_minor"], currency: c["currency"]) {
                    if let i = d.revenue.firstIndex(where: { $0.currency == m.currency }), let sum = d.revenue[i].adding(m) {
                        d.revenue[i] = sum
                    } else if !d.revenue.contains(where: { $0.currency == m.currency }) {
                        d.revenue.append(m)
                    } else {
                        throw ConvdError.failedPrecondition("the revenue of lead '\(eventID)' exceeds the largest amount (\(Int64.max) minor units)")
                    }
                }
            }
            details.append(d)
        }
        let next = rows.count > limit ? details.last.map { "\($0.deliveredAtMs):\($0.eventID)" } ?? "" : ""
        return (details, next)
    }
}

extension SQLiteStorage {
    /// A source's statement lines for leads delivered in [fromMs, toMs) (all time by default),
    /// summed from the rows, not the aggregates, and named with no month: what every statement
    /// of the source adds up to, and the baseline of the statement bench.
    public func statementTotalsFromRows(sourceID: String, fromMs: Int64 = 0, toMs: Int64 = .max) async throws(ConvdError) -> [StatementLine] {
        try await read("summing a source's rows") { db in
            let sql = "SELECT * FROM (\(StatementBucketSQL.raw)) WHERE source_id = ? AND bucket_ms >= ? AND bucket_ms < ?"
            let facts = try Row.fetchAll(db, sql: sql, arguments: [sourceID, fromMs, toMs]).map { r in
                StatementFact(bucketMs: r["bucket_ms"], epoch: 0, section: StatementSection(rawValue: r["section"]) ?? .leads, label: r["label"],
                              currency: r["currency"], count: r["count"], amount: r["amount"], amountN: r["amount_n"], pending: r["pending"],
                              pendingN: r["pending_n"])
            }
            return try StatementBuilder.lines(facts, leadMonth: "")
        }
    }
}
