import ConvdCore
import PostgresNIO

/// Where a PostgreSQL error becomes a `ConvdError`, as `StoreErrorMapping` does for SQLite.
enum PostgresErrorMapping {
    /// `error` raised while `context` (e.g. "recording feedback").
    static func map(_ error: any Error, context: String) -> ConvdError {
        if let e = error as? ConvdError { return e }
        guard let e = error as? PSQLError else { return .internal("\(context): \(error)") }
        let state = e.serverInfo?[.sqlState] ?? ""
        let message = e.serverInfo?[.message] ?? "\(e.code)"
        switch state {
        // Serialization failure, deadlock: another daemon's transaction won; the whole call is retried.
        case "40001", "40P01": return .aborted("\(context): a concurrent transaction on another daemon won (\(message)); retry")
        case "22003": return .failedPrecondition("\(context): a total would pass the largest storable amount (\(message)); nothing changed")
        case "23505": return .alreadyExists("\(context): \(message)")
        case "53100", "53200", "53300": return .resourceExhausted("\(context): PostgreSQL is out of resources (\(message))")
        case "57P01", "57P02", "57P03", "08000", "08003", "08006": return .unavailable("\(context): PostgreSQL is unavailable (\(message))")
        case "": return .unavailable("\(context): PostgreSQL connection failed (\(e.code))")
        default: return .internal("\(context): PostgreSQL error \(state): \(message)")
        }
    }
}
