import ConvdCore
import GRDB

/// Translates SQLite errors into domain errors where they arise, so nothing above the store
/// sees SQL error codes.
enum StoreErrorMapping {
    /// A ConvdError for `error`; `context` says what was being done, for the message.
    static func map(_ error: any Error, context: String) -> ConvdError {
        if let error = error as? ConvdError { return error }
        if error is CancellationError { return .cancelled("\(context): withdrawn before it took effect") }
        guard let db = error as? DatabaseError else { return .internal("\(context): \(error)") }
        switch db.extendedResultCode {
        case .SQLITE_CONSTRAINT_PRIMARYKEY, .SQLITE_CONSTRAINT_UNIQUE:
            return .alreadyExists("\(context): already exists")
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return .failedPrecondition("\(context): a referenced record does not exist or is still referenced")
        case .SQLITE_CONSTRAINT_DATATYPE:
            // The aggregate triggers add in SQL; a sum past Int64 becomes REAL, which the STRICT
            // aggregate tables refuse, so the whole write rolls back rather than storing a wrong total.
            if let table = ["stats_bucket", "stats_day", "statement_bucket"].first(where: { db.message?.contains($0) == true }) {
                let what = table == "statement_bucket" ? "a vendor statement total" : "a stats total"
                return .failedPrecondition("\(context): \(what) would pass the largest storable amount (\(Int64.max) minor units); nothing was written")
            }
        default: break
        }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .unavailable("\(context): database is busy, retry")
        case .SQLITE_FULL:
            // The transaction rolled back: nothing of it was applied, and the next write may succeed
            // once there is room (a larger --max-database-pages, or free disk).
            return .resourceExhausted("\(context): database is full (\(db.message ?? "no space")); nothing was written")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return .unavailable("\(context): \(db.message ?? "cannot write") (is the data directory writable by convd?)")
        case .SQLITE_IOERR:
            return .unavailable("\(context): \(db.message ?? "storage error")")
        default:
            return .internal("\(context): \(db)")
        }
    }
}
