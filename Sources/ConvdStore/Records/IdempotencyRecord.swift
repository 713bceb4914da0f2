import ConvdCore
import Foundation
import GRDB

/// Stores the first answer to each idempotency key, in the same transaction as its effect, keyed
/// by (method, caller, key) with the request's fingerprint. Rows written before schema v5 have
/// scope "*" and no fingerprint: they match any caller and request until they expire.
enum IdempotencyRecord {
    /// The saved answer for `claim`, or nil when there is none (or it expired, which removes it).
    /// - Throws: `failedPrecondition` when the key was first used for a different request.
    static func answer<T: Decodable>(_ type: T.Type, claim: IdempotencyClaim?, method: String, nowMs: Int64,
                                     retentionMs: Int64, in db: Database) throws -> T? {
        guard let claim else { return nil }
        // The caller's own row wins over a pre-v5 row ("*"); at most two rows, both by primary key.
        let rows = try Row.fetchAll(db, sql: """
            SELECT scope, fingerprint, answer, created_at_ms FROM idempotent_call WHERE method = ? AND scope IN (?, '*') AND key = ?
            """, arguments: [method, claim.scope, claim.key])
        guard let row = rows.first(where: { ($0["scope"] as String) != "*" }) ?? rows.first else { return nil }
        let createdAtMs: Int64 = row["created_at_ms"]
        if createdAtMs <= nowMs - retentionMs {
            try db.execute(sql: "DELETE FROM idempotent_call WHERE method = ? AND key = ? AND scope = ?",
                           arguments: [method, claim.key, row["scope"] as String])
            return nil
        }
        let fingerprint: String = row["fingerprint"]
        if !fingerprint.isEmpty && fingerprint != claim.fingerprint {
            throw ConvdError.failedPrecondition(
                "idempotency key '\(claim.key)' was first used for a different request (\(method) at \(ISOTime.string(ms: createdAtMs))); use a new key for a new request")
        }
        return try JSONColumn.decode(type, from: row["answer"])
    }

    /// Saves `answer` for `claim`. Expired keys are deleted by `SQLiteStorage.prune`, off the
    /// write path of calls.
    static func save<T: Encodable>(_ answer: T, claim: IdempotencyClaim?, method: String, nowMs: Int64,
                                   in db: Database) throws {
        guard let claim else { return }
        try db.execute(sql: """
            INSERT INTO idempotent_call (method, scope, key, fingerprint, answer, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (method, scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, answer = excluded.answer,
              created_at_ms = excluded.created_at_ms
            """, arguments: [method, claim.scope, claim.key, claim.fingerprint, try JSONColumn.encode(answer), nowMs])
    }
}
