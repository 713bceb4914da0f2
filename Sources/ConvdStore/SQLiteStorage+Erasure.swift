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
                let answers = found.answerKeys[eventID, default: []]
                if try DeliveryEraser.erase(eventID: eventID, eventSeqs: eventSeqs, answerKeys: answers, nowMs: now, in: db) {
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

    static func erasureCandidates(_ target: ErasureTarget, in db: Database) throws -> DeliveryEraser.Candidates {
        var c = DeliveryEraser.Candidates()
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
            c.answerKeys[id] = try Row.fetchAll(db, sql: "SELECT /* full pass */ method, scope, key FROM idempotent_call WHERE instr(answer, ?) > 0",
                                                arguments: [id]).map { [$0["method"], $0["scope"], $0["key"]] }
        }
        return c
    }
}
