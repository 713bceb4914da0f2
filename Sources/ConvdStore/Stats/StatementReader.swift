import ConvdCore
import GRDB

/// Builds a source's monthly statement and closes its months, on either backend, from the
/// statement aggregates its triggers keep (see `StatementBucketSQL`).
enum StatementReader {
    /// A source's statement for `month` in `timeZone`: the month's own figures (for a closed month,
    /// only what was written before it closed), the prior-period adjustments booked into it, what
    /// is owed, and, with `detail`, a page of its leads after `after`.
    static func statement(sourceID: String, month: String, timeZone: String, detail: Bool, pageSize: Int,
                          after: (ms: Int64, eventID: String)?, in db: some StatementRunner) throws -> VendorStatement {
        guard try !db.fetch("SELECT 1 FROM source WHERE id = ?", [sourceID]).isEmpty else {
            throw ConvdError.notFound("no source '\(sourceID)'")
        }
        let closes = try closes(sourceID: sourceID, in: db)
        let labeler = try statementZone(timeZone, closes: closes, sourceID: sourceID)
        let bounds = try labeler.monthBounds(month)
        var s = VendorStatement(sourceID: sourceID, month: month, timeZone: labeler.zoneName, fromMs: bounds.from, toMs: bounds.to)
        s.closed = closes[month]
        let own = try facts(sourceID: sourceID, from: bounds.from, to: bounds.to, epochBelow: s.closed?.epoch, in: db)
        s.lines = try StatementBuilder.lines(own, leadMonth: month)
        // Only closed months right before this one can book into it: an open month in between
        // takes their late changes itself.
        var p = StatementBuilder.month(before: month)
        var prior: [StatementLine] = []
        while let c = closes[p] {
            let late = try facts(sourceID: sourceID, from: c.fromMs, to: c.toMs, epochAtLeast: c.epoch, in: db)
                .filter { StatementBuilder.booking(leadMonth: p, epoch: $0.epoch, closes: closes) == month }
            prior = try StatementBuilder.lines(late, leadMonth: p) + prior
            p = StatementBuilder.month(before: p)
        }
        s.priorPeriod = prior
        s.owed = try StatementBuilder.owed(s.lines + s.priorPeriod)
        if detail {
            (s.details, s.nextPageToken) = try details(sourceID: sourceID, from: bounds.from, to: bounds.to, after: after, limit: pageSize, in: db)
        }
        return s
    }

    /// Closes a source's month as of `nowMs` (see `SQLiteStorage.closeMonth`).
    static func close(sourceID: String, month: String, timeZone: String, actor: String, nowMs: Int64,
                      in db: some StatementRunner) throws -> StatementClose {
        // Moving the close count first locks the source's row (PostgreSQL), so closes of one
        // source take turns and the writes reading its count wait for this one.
        try db.execute("UPDATE source SET close_epoch = close_epoch + 1 WHERE id = ?", [sourceID])
        guard let epoch: Int64 = try db.fetch("SELECT close_epoch FROM source WHERE id = ?", [sourceID]).first?.value("close_epoch") else {
            throw ConvdError.notFound("no source '\(sourceID)'")
        }
        let closes = try closes(sourceID: sourceID, in: db)
        let labeler = try statementZone(timeZone, closes: closes, sourceID: sourceID)
        let bounds = try labeler.monthBounds(month)
        if let c = closes[month] {
            throw ConvdError.failedPrecondition("\(month) of source '\(sourceID)' was closed already, at \(ISOTime.string(ms: c.closedAtMs)) by \(c.closedBy)")
        }
        guard bounds.to <= nowMs else {
            throw ConvdError.failedPrecondition("\(month) in \(labeler.zoneName) ends at \(ISOTime.string(ms: bounds.to)); a month closes once it has ended")
        }
        let close = StatementClose(month: month, timeZone: labeler.zoneName, fromMs: bounds.from, toMs: bounds.to, epoch: epoch,
                                   closedAtMs: nowMs, closedBy: actor)
        try db.execute("""
            INSERT INTO statement_close (source_id, month, time_zone, from_ms, to_ms, epoch, closed_at_ms, closed_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [sourceID, month, close.timeZone, close.fromMs, close.toMs, close.epoch, close.closedAtMs, close.closedBy])
        return close
    }

    static func closes(sourceID: String, in db: some StatementRunner) throws -> [String: StatementClose] {
        var out: [String: StatementClose] = [:]
        for r in try db.fetch("SELECT * FROM statement_close WHERE source_id = ?", [sourceID]) {
            let c = StatementClose(month: try r.value("month"), timeZone: try r.value("time_zone"), fromMs: try r.value("from_ms"),
                                   toMs: try r.value("to_ms"), epoch: try r.value("epoch"), closedAtMs: try r.value("closed_at_ms"),
                                   closedBy: try r.value("closed_by"))
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

    static func facts(sourceID: String, from: Int64, to: Int64, epochBelow: Int64? = nil, epochAtLeast: Int64? = nil,
                      in db: some StatementRunner) throws -> [StatementFact] {
        var sql = "SELECT * FROM statement_bucket WHERE source_id = ? AND bucket_ms >= ? AND bucket_ms < ?"
        var args: [any DatabaseValueConvertible] = [sourceID, from, to]
        if let epochBelow { sql += " AND epoch < ?"; args.append(epochBelow) }
        if let epochAtLeast { sql += " AND epoch >= ?"; args.append(epochAtLeast) }
        return try db.fetch(sql, args).map { try fact($0, epoch: try $0.value("epoch")) }
    }

    /// A `statement_bucket`-shaped row.
    static func fact(_ r: some StoredRow, epoch: Int64) throws -> StatementFact {
        StatementFact(bucketMs: try r.value("bucket_ms"), epoch: epoch,
                      section: StatementSection(rawValue: try r.value("section")) ?? .leads, label: try r.value("label"),
                      currency: try r.value("currency"), count: try r.value("count"), amount: try r.value("amount"),
                      amountN: try r.value("amount_n"), pending: try r.value("pending"), pendingN: try r.value("pending_n"))
    }

    /// "ms:eventID" of the last detail line shown, or nil for the first page.
    static func detailCursor(_ token: String) throws(ConvdError) -> (ms: Int64, eventID: String)? {
        guard !token.isEmpty else { return nil }
        guard let colon = token.firstIndex(of: ":"), let ms = Int64(token[..<colon]) else {  // no-trap: parses text
            throw .invalid(field: "page_token", "'\(token)' is not a page token this server gave")
        }
        return (ms, String(token[token.index(after: colon)...]))
    }

    static func details(sourceID: String, from: Int64, to: Int64, after: (ms: Int64, eventID: String)?, limit: Int,
                        in db: some StatementRunner) throws -> ([StatementDetail], String) {
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
        let rows = try db.fetch(sql, args)
        var details: [StatementDetail] = []
        for r in rows.prefix(limit) {
            let eventID: String = try r.value("event_id")
            var d = StatementDetail(eventID: eventID, recipientID: try r.value("recipient_id"), deliveredAtMs: try r.value("delivered_at_ms"),
                                    cost: Money(storedMinor: try r.value("cost_minor"), currency: try r.value("cost_currency")))
            if let ret = try db.fetch("SELECT reason, event_seq FROM delivery_return WHERE event_id = ? AND retracted_at_ms = 0", [eventID]).first {
                d.returnReason = try ret.value("reason")
                d.returnFeedbackSeq = try ret.value("event_seq")
            }
            for c in try db.fetch("""
                SELECT id, conversion_type, approved_minor, currency FROM conversion
                WHERE event_id = ? AND negative = 0 AND status IN ('APPROVED', 'PENDING') ORDER BY seq
                """, [eventID]) {
                d.conversionIDs.append("\(try c.value("id") as String):\(try c.value("conversion_type") as String)")
                if let m = Money(storedMinor: try c.value("approved_minor"), currency: try c.value("currency")) {
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
