import ConvdCore

extension PostgresStorage {
    /// Erases the personal data of the deliveries `target` names (see `ConvdStorage.eraseDeliveries`),
    /// in one transaction, through the same `DeliveryEraser` as SQLite. PostgreSQL keeps old row
    /// versions until VACUUM and in its WAL: run VACUUM (and mind WAL archives and base backups)
    /// where erased data must leave the disk too.
    public func eraseDeliveries(_ target: ErasureTarget) async throws(ConvdError) -> (eventIDs: [String], erasedAtMs: Int64) {
        let now = clock.nowMs()
        let erased = try await transaction("erasing deliveries") { tx -> [String]? in
            let eventIDs: [String]
            switch target {
            case .eventID(let id):
                eventIDs = try tx.rows("SELECT event_id FROM delivery WHERE event_id = $1 FOR UPDATE", [.text(id)]).map { try $0.value("event_id") }
            case .email(let email):
                eventIDs = try tx.rows("""
                    SELECT event_id FROM delivery WHERE lower(lead::json->>'email') = lower($1) ORDER BY event_id FOR UPDATE
                    """, [.text(email)]).map { try $0.value("event_id") }
            }
            if case .eventID = target, eventIDs.isEmpty { return nil }
            var done: [String] = []
            for id in eventIDs {
                let seqs: [Int64] = try tx.rows("SELECT seq FROM feedback_event WHERE event_id = $1", [.text(id)]).map { try $0.value("seq") }
                let answers: [[String]] = try tx.rows("SELECT method, scope, key FROM idempotent_call WHERE strpos(answer, $1) > 0", [.text(id)])
                    .map { [try $0.value("method"), try $0.value("scope"), try $0.value("key")] }
                if try DeliveryEraser.erase(eventID: id, eventSeqs: seqs, answerKeys: answers, nowMs: now, in: tx) { done.append(id) }
            }
            return done
        }
        guard let erased else {
            if case .eventID(let id) = target { throw .notFound("delivery '\(id)' not found") }
            return ([], now)
        }
        return (erased, now)
    }
}
