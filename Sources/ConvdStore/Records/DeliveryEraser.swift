import ConvdCore
import GRDB

/// Erases one delivery's personal data inside an open transaction, on either backend: its lead
/// and its conversions' fields, and those values wherever convd copied them (event inputs, saved
/// answers, forwards and their attempt logs). Money and identifiers stay.
enum DeliveryEraser {
    /// What an erasure will touch, found before it (SQLite finds it on a reader, off the writer).
    struct Candidates: Sendable {
        var eventIDs: [String] = []
        /// Feedback events per delivery, up to `lastEventSeq`.
        var eventSeqs: [String: [Int64]] = [:]
        var lastEventSeq: Int64 = 0
        /// Saved idempotent answers that name the delivery, by (method, scope, key).
        var answerKeys: [String: [[String]]] = [:]
    }

    /// Erases `eventID`. - Returns: false when the delivery is gone.
    static func erase(eventID: String, eventSeqs: [Int64], answerKeys: [[String]], nowMs: Int64, in db: some StatementRunner) throws -> Bool {
        guard let delivery = try db.fetch("SELECT \(DeliveryRecord.columns) FROM delivery WHERE event_id = ?", [eventID])
            .first.map({ try DeliveryRecord.delivery(from: $0) }) else { return false }
        var values = Array(delivery.lead.values)
        let conversions = try db.fetch("SELECT id, fields FROM conversion WHERE event_id = ?", [eventID])
        var conversionIDs: [String] = []
        for row in conversions {
            values += try JSONColumn.decodeMap(try row.value("fields")).values
            let id: String = try row.value("id")
            conversionIDs.append(id)
            for version in try db.fetch("SELECT fields FROM conversion_version WHERE conversion_id = ?", [id]) {
                values += try JSONColumn.decodeMap(try version.value("fields")).values
            }
        }
        for seq in eventSeqs {
            // An adjustment's event holds {"adjustment": ...}, not a feedback: it has no fields to read.
            guard let input: String = try db.fetch("SELECT input FROM feedback_event WHERE seq = ?", [seq]).first?.value("input"),
                  let fields = (try? JSONColumn.decode([String: FeedbackInput].self, from: input))?["feedback"]?.fields else { continue }
            values += fields.values
        }
        let scrubber = PersonalDataScrubber(values: values)

        // A second erasure keeps the first one's time.
        try db.execute("UPDATE delivery SET lead = '{}', erased_at_ms = CASE erased_at_ms WHEN 0 THEN ? ELSE erased_at_ms END WHERE event_id = ?",
                       [nowMs, eventID])
        for id in conversionIDs {
            try db.execute("UPDATE conversion SET fields = '{}' WHERE id = ?", [id])
            try db.execute("UPDATE conversion_version SET fields = '{}' WHERE conversion_id = ?", [id])
        }
        for seq in eventSeqs {
            try scrubText(table: "feedback_event", column: "input", where: "seq = ?", [seq], scrubber: scrubber, in: db)
        }
        for key in answerKeys where key.count == 3 {
            try scrubText(table: "idempotent_call", column: "answer", where: "method = ? AND scope = ? AND key = ?", key, scrubber: scrubber, in: db)
        }
        guard !scrubber.isEmpty else { return true }
        for orderKey in conversionIDs + ["return:\(eventID)"] {
            for row in try db.fetch("SELECT id, request, last_error FROM outbox WHERE order_key = ?", [orderKey]) {
                let id: Int64 = try row.value("id")
                let request = try JSONColumn.decode(ForwardRequest.self, from: try row.value("request"))
                let scrubbed = scrubber.scrub(request)
                if scrubbed != request {
                    try db.execute("UPDATE outbox SET request = ? WHERE id = ?", [try JSONColumn.encode(scrubbed), id])
                }
                for attempt in try db.fetch("SELECT attempt, body_prefix, error FROM forward_attempt WHERE outbox_id = ?", [id]) {
                    let body: String = try attempt.value("body_prefix"), error: String = try attempt.value("error")
                    if scrubber.scrub(body) != body || scrubber.scrub(error) != error {
                        try db.execute("UPDATE forward_attempt SET body_prefix = ?, error = ? WHERE outbox_id = ? AND attempt = ?",
                                       [scrubber.scrub(body), scrubber.scrub(error), id, try attempt.value("attempt") as Int64])
                    }
                }
                let lastError: String = try row.value("last_error")
                if scrubber.scrub(lastError) != lastError {
                    try db.execute("UPDATE outbox SET last_error = ? WHERE id = ?", [scrubber.scrub(lastError), id])
                }
            }
        }
        return true
    }

    /// Rewrites one JSON document column with `ErasedJSON`, when anything in it changes.
    private static func scrubText(table: String, column: String, where condition: String, _ key: [any DatabaseValueConvertible],
                                  scrubber: PersonalDataScrubber, in db: some StatementRunner) throws {
        guard let text: String = try db.fetch("SELECT \(column) FROM \(table) WHERE \(condition)", key).first?.value(column),
              let scrubbed = try ErasedJSON.scrub(text, with: scrubber) else { return }
        try db.execute("UPDATE \(table) SET \(column) = ? WHERE \(condition)", [scrubbed] + key)
    }
}
