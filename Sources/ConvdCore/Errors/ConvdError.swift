/// A domain error: one case per class of failure, each mapping to exactly one wire status code
/// (the mapping lives in ConvdServer's `StatusMapping`, the only place errors become statuses).
public enum ConvdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request is malformed; `violations` name each bad field.
    case invalidArgument(String, violations: [FieldViolation] = [])
    /// The thing named does not exist; the message names its ID.
    case notFound(String)
    /// A thing with that ID exists already.
    case alreadyExists(String)
    /// The system is not in a state that allows the request (settings, windows, status moves).
    case failedPrecondition(String)
    /// A conflict with a concurrent change; retrying may succeed.
    case aborted(String)
    /// A limit was reached.
    case resourceExhausted(String)
    /// The caller's role does not allow the call.
    case permissionDenied(String)
    /// The service cannot take the call now (shutting down, database busy).
    case unavailable(String)
    /// A bug or an invariant broken; the detail is logged, not sent.
    case `internal`(String)

    /// The human message of the error, naming the ID involved.
    public var message: String {
        switch self {
        case .invalidArgument(let m, _), .notFound(let m), .alreadyExists(let m), .failedPrecondition(let m),
            .aborted(let m), .resourceExhausted(let m), .permissionDenied(let m), .unavailable(let m),
            .internal(let m):
            return m
        }
    }

    /// A single-field invalid argument, the most common case.
    public static func invalid(field: String, _ description: String) -> ConvdError {
        .invalidArgument("\(field): \(description)", violations: [FieldViolation(field: field, description: description)])
    }

    public var description: String { message }
}
