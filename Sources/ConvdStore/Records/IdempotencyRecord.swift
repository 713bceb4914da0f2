import ConvdCore
import Foundation
import GRDB

/// Stores the first answer to each idempotency key, in the same transaction as its effect, keyed
/// by (method, caller, key) with the request's fingerprint, on either backend. Rows written before schema v5 have
/// scope "*" and no fingerprint: they match any caller and request until they expire.
enum IdempotencyRecord {
    /// The saved answer for `claim`, or nil when there is none (or it expired, which removes it).
    /// - Throws: `failedPrecondition` when the key was first used for a different request.
    static func answer<T: Decodable>(_ type: T.Type, claim: IdempotencyClaim?, method: String, nowMs: Int64,
                                     retentionMs: Int64, in db: some StatementRunner) throws -> T? {
        guard let claim else { return nil }
        // The caller's own row wins over a pre-v5 row ("*"); at most two rows, both by primary key.
        let rows = try db.fetch("""
            SELECT scope, fingerprint, answer, created_at_ms FROM idempotent_call WHERE method = ? AND scope IN (?, '*') AND key = ?
            """, [method, claim.scope, claim.key])
        guard let row = try rows.first(where: { (try $0.value("scope") as String) != "*" }) ?? rows.first else { return nil }
        let createdAtMs: Int64 = try row.value("created_at_ms")
        if createdAtMs <= nowMs - retentionMs {
            try db.execute("DELETE FROM idempotent_call WHERE method = ? AND key = ? AND scope = ?",
                           [method, claim.key, try row.value("scope") as String])
            return nil
        }
        let fingerprint: String = try row.value("fingerprint")
        if !fingerprint.isEmpty && fingerprint != claim.fingerprint {
            throw ConvdError.failedPrecondition(
                "idempotency key '\(claim.key)' was first used for a different request (\(method) at \(ISOTime.string(ms: createdAtMs))); use a new key for a new request")
        }
        return try JSONColumn.decode(type, from: try row.value("answer"))
    }

    /// Saves `answer` for `claim`. Expired keys are deleted by `SQLiteStorage.prune`, off the
    /// write path of calls.
    static func save<T: Encodable>(_ answer: T, claim: IdempotencyClaim?, method: String, nowMs: Int64,
                                   in db: some StatementRunner) throws {
        guard let claim else { return }
        try db.execute("""
            INSERT INTO idempotent_call (method, scope, key, fingerprint, answer, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (method, scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, answer = excluded.answer,
              created_at_ms = excluded.created_at_ms
            """, [method, claim.scope, claim.key, claim.fingerprint, try JSONColumn.encode(answer), nowMs])
    }
}
