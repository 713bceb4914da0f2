import ConvdCore
import GRDB

/// Appends to and reads the `feedback_event` log.
enum EventRecord {
    /// A draft's column values, as both backends store them.
    struct Columns {
        let draft: FeedbackEventDraft

        init(_ draft: FeedbackEventDraft) { self.draft = draft }

        var receivedAtMs: Int64 { draft.receivedAtMs }
        var outcome: String { draft.outcome.rawValue }
        var errorKind: String? { draft.error?.kind }
        var detail: String { draft.error?.message ?? draft.detail }
        var conversionID: String { draft.conversionID }
        var recipientID: String { draft.delivery?.recipientID ?? draft.recipientID }
        var sourceID: String { draft.delivery?.sourceID ?? "" }
        var eventID: String { draft.delivery?.eventID ?? "" }
        var test: Bool { draft.delivery?.test ?? false }
        var idempotencyKey: String { draft.idempotencyKey }

        /// The feedback or adjustment as received, as JSON.
        func input() throws -> String {
            if let input = draft.input { return EventRecord.inputJSON(input) }
            if let adj = draft.adjustment { return try JSONColumn.encode(["adjustment": adj]) }
            return "{}"
        }
    }

    /// A feedback's `input` column.
    static func inputJSON(_ input: FeedbackInput) -> String {
        FeedbackInputJSON.encode(input)
    }

    /// Appends `draft`, its input column taken from `preEncoded` when given. - Returns: its seq.
    static func append(_ draft: FeedbackEventDraft, preEncoded: PreEncodedInputs? = nil, in db: Database) throws -> Int64 {
        let e = Columns(draft)
        let input = try draft.input.flatMap { preEncoded?.take($0) } ?? e.input()
        try db.exec("""
            INSERT INTO feedback_event (received_at_ms, input, outcome, error_kind, detail, conversion_id, recipient_id, source_id,
              event_id, test, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, e.receivedAtMs, input, e.outcome, e.errorKind, e.detail, e.conversionID, e.recipientID, e.sourceID,
            e.eventID, e.test, e.idempotencyKey)
        return db.lastInsertedRowID
    }

    static func event(from row: some StoredRow) throws -> FeedbackEvent {
        let text: String = try row.value("input")
        let input = try? JSONColumn.decode([String: FeedbackInput].self, from: text)["feedback"]
        let adjustment = try? JSONColumn.decode([String: AdjustmentInput].self, from: text)["adjustment"]
        let kind: String? = try row.value("error_kind")
        let detail: String = try row.value("detail")
        return FeedbackEvent(
            seq: try row.value("seq"), receivedAtMs: try row.value("received_at_ms"), input: input, adjustment: adjustment,
            outcome: try StoredEnum.decode(FeedbackOutcome.self, try row.value("outcome"), "feedback event \(try row.value("seq") as Int64) outcome"),
            error: kind.map { ConvdError(kind: $0, message: detail) }, detail: detail, conversionID: try row.value("conversion_id"),
            recipientID: try row.value("recipient_id"), sourceID: try row.value("source_id"), eventID: try row.value("event_id"), test: try row.value("test"),
            idempotencyKey: try row.value("idempotency_key"))
    }
}
