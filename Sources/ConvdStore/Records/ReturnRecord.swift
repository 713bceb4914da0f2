import ConvdCore

/// Reads a `delivery_return` row with its delivery's cost, the credit while the return stands.
enum ReturnRecord {
    /// The query, `?` for the event ID.
    static let byEventID = """
        SELECT r.event_id, r.recipient_id, r.source_id, r.reason, r.returned_at_ms, r.retracted_at_ms, r.retract_reason,
          r.retracted_by, d.cost_minor, d.cost_currency
        FROM delivery_return r JOIN delivery d ON d.event_id = r.event_id WHERE r.event_id = ?
        """

    /// A row of `byEventID`, of either backend.
    static func deliveryReturn(from r: some StoredRow) throws -> DeliveryReturn {
        let retractedAt: Int64 = try r.value("retracted_at_ms")
        let credit = retractedAt != 0 ? nil : Money(storedMinor: try r.value("cost_minor"), currency: try r.value("cost_currency"))
        return DeliveryReturn(eventID: try r.value("event_id"), recipientID: try r.value("recipient_id"), sourceID: try r.value("source_id"),
                              reason: try r.value("reason"), returnedAtMs: try r.value("returned_at_ms"), credit: credit,
                              retractedAtMs: retractedAt, retractReason: try r.value("retract_reason"), retractedBy: try r.value("retracted_by"))
    }
}
