import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Erases the personal data of the deliveries `target` names (see `ConvdStorage.eraseDeliveries`).
    public func eraseDeliveries(_ target: ErasureTarget) async throws(ConvdError) -> (eventIDs: [String], erasedAtMs: Int64) {
        // Finding the rows is a read: the lookups by email, by event on the event log and by text
        // in saved answers pass over whole tables, which must not happen inside the one writer.
        let found = try await read("finding deliveries to erase") { db in try Self.erasureCandidates(target, in: db) }
        if case .eventID(let id) = target, found.eventIDs.isEmpty { throw ConvdError.notFound("delivery '\(id)' not found") }
        let now = clock.nowMs()
        let erased = try await writer.write { db in
            // Zeroes the bytes that rewritten rows leave behind in their pages; otherwise the old
            // lead would stay readable in the file's free space.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = FAST") }  // the connection's setting (DatabaseConfiguration)
            var done: [String] = []
            for eventID in found.eventIDs {
                let eventSeqs = found.eventSeqs[eventID, default: []]
                    + (try Int64.fetchAll(db, sql: "SELECT seq FROM feedback_event WHERE seq > ? AND event_id = ?",
                                          arguments: [found.lastEventSeq, eventID]))
                let answers = found.answerRowIDs[eventID, default: []]
                if try Self.erase(eventID: eventID, eventSeqs: eventSeqs, answerRowIDs: answers, nowMs: now, in: db) {
                    done.append(eventID)
                }
            }
            return done
        }
        // The WAL still holds the pages as they were before; reset it, so the values are gone from
        // every file convd keeps before the call answers. A reader on an older snapshot or the
        // checkpointer's own pass makes a TRUNCATE checkpoint fail with BUSY, so it is tried again
        // for up to 10 s (erasures are rare; the caller waits rather than being told a half truth).
        var truncated = false
        for _ in 0..<100 where !truncated {
            do {
                try await database.truncateWAL()
                truncated = true
            } catch {
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        if !truncated {
            throw ConvdError.unavailable(
                "the erasure of \(erased.count) deliveries is committed, but the WAL still holds earlier copies of their pages (readers kept it busy for 10 s); call it again to finish")
        }
        return (erased, now)
    }

    /// What an erasure will touch, found on a reader.
    struct ErasureCandidates: Sendable {
        var eventIDs: [String] = []
        /// Feedback events per delivery, up to `lastEventSeq`.
        var eventSeqs: [String: [Int64]] = [:]
        var lastEventSeq: Int64 = 0
        /// Saved idempotent answers that name the delivery.
        var answerRowIDs: [String: [Int64]] = [:]
    }

    static func erasureCandidates(_ target: ErasureTarget, in db: Database) throws -> ErasureCandidates {
        var c = ErasureCandidates()
        switch target {
        case .eventID(let id):
            c.eventIDs = try String.fetchAll(db, sql: "SELECT event_id FROM delivery WHERE event_id = ?", arguments: [id])
        case .email(let email):
            c.eventIDs = try String.fetchAll(db, sql: """
                SELECT /* full pass */ event_id FROM delivery WHERE lower(json_extract(lead, '$.email')) = lower(?) ORDER BY event_id
                """, arguments: [email])
        }
        guard !c.eventIDs.isEmpty else { return c }
        c.lastEventSeq = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM feedback_event") ?? 0
        for id in c.eventIDs {
            c.eventSeqs[id] = try Int64.fetchAll(db, sql: "SELECT /* full pass */ seq FROM feedback_event WHERE event_id = ?", arguments: [id])
            c.answerRowIDs[id] = try Int64.fetchAll(db, sql: "SELECT /* full pass */ rowid FROM idempotent_call WHERE instr(answer, ?) > 0",
                                                    arguments: [id])
        }
        return c
    }

    /// Erases one delivery in the writer's transaction. - Returns: false when it is gone.
    static func erase(eventID: String, eventSeqs: [Int64], answerRowIDs: [Int64], nowMs: Int64, in db: Database) throws -> Bool {
        guard let delivery = try db.row("SELECT \(DeliveryRecord.columns) FROM delivery WHERE event_id = ?", arguments: [eventID])
            .map(DeliveryRecord.delivery(from:)) else { return false }
        var values = Array(delivery.lead.values)
        let conversions = try Row.fetchAll(db, sql: "SELECT id, fields FROM conversion WHERE event_id = ?", arguments: [eventID])
        for row in conversions {
            values += try JSONColumn.decodeMap(row["fields"]).values
            let id: String = row["id"]
            for fields in try String.fetchAll(db, sql: "SELECT fields FROM conversion_version WHERE conversion_id = ?", arguments: [id]) {
                values += try JSONColumn.decodeMap(fields).values
            }
        }
        for seq in eventSeqs {
            // An adjustment's event holds {"adjustment": ...}, not a feedback: it has no fields to read.
            guard let input = try String.fetchOne(db, sql: "SELECT input FROM feedback_event WHERE seq = ?", arguments: [seq]),
                  let fields = (try? JSONColumn.decode([String: FeedbackInput].self, from: input))?["feedback"]?.fields else { continue }
            values += fields.values
        }
        let scrubber = PersonalDataScrubber(values: values)

        // A second erasure keeps the first one's time.
        try db.execute(sql: "UPDATE delivery SET lead = '{}', erased_at_ms = CASE erased_at_ms WHEN 0 THEN ? ELSE erased_at_ms END WHERE event_id = ?",
                       arguments: [nowMs, eventID])
        for row in conversions {
            let id: String = row["id"]
            try db.execute(sql: "UPDATE conversion SET fields = '{}' WHERE id = ?", arguments: [id])
            try db.execute(sql: "UPDATE conversion_version SET fields = '{}' WHERE conversion_id = ?", arguments: [id])
        }
        for seq in eventSeqs {
            try scrubText(table: "feedback_event", column: "input", key: "seq", id: seq, scrubber: scrubber, in: db)
        }
        for rowid in answerRowIDs {
            try scrubText(table: "idempotent_call", column: "answer", key: "rowid", id: rowid, scrubber: scrubber, in: db)
        }
        guard !scrubber.isEmpty else { return true }
        let orderKeys = conversions.map { $0["id"] as String } + ["return:\(eventID)"]
        for key in orderKeys {
            for row in try Row.fetchAll(db, sql: "SELECT id, request FROM outbox WHERE order_key = ?", arguments: [key]) {
                let id: Int64 = row["id"]
                let request = try JSONColumn.decode(ForwardRequest.self, from: row["request"])
                let scrubbed = scrubber.scrub(request)
                if scrubbed != request {
                    try db.execute(sql: "UPDATE outbox SET request = ? WHERE id = ?", arguments: [try JSONColumn.encode(scrubbed), id])
                }
                for attempt in try Row.fetchAll(db, sql: "SELECT attempt, body_prefix, error FROM forward_attempt WHERE outbox_id = ?",
                                                arguments: [id]) {
                    let body: String = attempt["body_prefix"], error: String = attempt["error"]
                    if scrubber.scrub(body) != body || scrubber.scrub(error) != error {
                        try db.execute(sql: "UPDATE forward_attempt SET body_prefix = ?, error = ? WHERE outbox_id = ? AND attempt = ?",
                                       arguments: [scrubber.scrub(body), scrubber.scrub(error), id, attempt["attempt"] as Int64])
                    }
                }
                let lastError = try String.fetchOne(db, sql: "SELECT last_error FROM outbox WHERE id = ?", arguments: [id]) ?? ""
                if scrubber.scrub(lastError) != lastError {
                    try db.execute(sql: "UPDATE outbox SET last_error = ? WHERE id = ?", arguments: [scrubber.scrub(lastError), id])
                }
            }
        }
        return true
    }

    /// Rewrites one JSON document column with `ErasedJSON`, when anything in it changes.
    private static func scrubText(table: String, column: String, key: String, id: Int64, scrubber: PersonalDataScrubber,
                                  in db: Database) throws {
        guard let text = try String.fetchOne(db, sql: "SELECT \(column) FROM \(table) WHERE \(key) = ?", arguments: [id]),
              let scrubbed = try ErasedJSON.scrub(text, with: scrubber) else { return }
        try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE \(key) = ?", arguments: [scrubbed, id])
    }
}
