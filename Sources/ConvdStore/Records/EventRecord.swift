import ConvdCore
import GRDB

/// Appends to and reads the `feedback_event` log.
enum EventRecord {
    /// Appends `draft`. - Returns: its seq.
    static func append(_ draft: FeedbackEventDraft, in db: Database) throws -> Int64 {
        let inputJSON: String
        if let input = draft.input { inputJSON = try JSONColumn.encode(["feedback": input]) } else if let adj = draft.adjustment {
            inputJSON = try JSONColumn.encode(["adjustment": adj])
        } else { inputJSON = "{}" }
        try db.run("""
            INSERT INTO feedback_event (received_at_ms, input, outcome, error_kind, detail, conversion_id, recipient_id, source_id,
              event_id, test, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                draft.receivedAtMs, inputJSON, draft.outcome.rawValue, draft.error?.kind,
                draft.error?.message ?? draft.detail, draft.conversionID,
                draft.delivery?.recipientID ?? draft.recipientID, draft.delivery?.sourceID ?? "",
                draft.delivery?.eventID ?? "", draft.delivery?.test ?? false, draft.idempotencyKey,
            ])
        return db.lastInsertedRowID
    }

    static func event(from row: Row) throws -> FeedbackEvent {
        let text: String = row["input"]
        let input = try? JSONColumn.decode([String: FeedbackInput].self, from: text)["feedback"]
        let adjustment = try? JSONColumn.decode([String: AdjustmentInput].self, from: text)["adjustment"]
        let kind: String? = row["error_kind"]
        let detail: String = row["detail"]
        return FeedbackEvent(
            seq: row["seq"], receivedAtMs: row["received_at_ms"], input: input, adjustment: adjustment,
            outcome: try StoredEnum.decode(FeedbackOutcome.self, row["outcome"], "feedback event \(row["seq"] as Int64) outcome"),
            error: kind.map { ConvdError(kind: $0, message: detail) }, detail: detail, conversionID: row["conversion_id"],
            recipientID: row["recipient_id"], sourceID: row["source_id"], eventID: row["event_id"], test: row["test"],
            idempotencyKey: row["idempotency_key"])
    }
}
