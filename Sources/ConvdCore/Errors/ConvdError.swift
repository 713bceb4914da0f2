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
    /// The caller withdrew the call (cancel, deadline, disconnect) before it took effect.
    case cancelled(String)

    /// The human message of the error, naming the ID involved.
    public var message: String {
        switch self {
        case .invalidArgument(let m, _), .notFound(let m), .alreadyExists(let m), .failedPrecondition(let m),
            .aborted(let m), .resourceExhausted(let m), .permissionDenied(let m), .unavailable(let m),
            .internal(let m), .cancelled(let m):
            return m
        }
    }

    /// A single-field invalid argument, the most common case.
    public static func invalid(field: String, _ description: String) -> ConvdError {
        .invalidArgument("\(field): \(description)", violations: [FieldViolation(field: field, description: description)])
    }

    /// The message, which names the problem.
    public var description: String { message }

    /// The case's name, for storing an error beside the event it failed.
    public var kind: String {
        switch self {
        case .invalidArgument: "invalidArgument"
        case .notFound: "notFound"
        case .alreadyExists: "alreadyExists"
        case .failedPrecondition: "failedPrecondition"
        case .aborted: "aborted"
        case .resourceExhausted: "resourceExhausted"
        case .permissionDenied: "permissionDenied"
        case .unavailable: "unavailable"
        case .internal: "internal"
        case .cancelled: "cancelled"
        }
    }

    /// Rebuilds a stored error from its `kind` and message (violations are not kept).
    public init(kind: String, message: String) {
        switch kind {
        case "invalidArgument": self = .invalidArgument(message)
        case "notFound": self = .notFound(message)
        case "alreadyExists": self = .alreadyExists(message)
        case "failedPrecondition": self = .failedPrecondition(message)
        case "aborted": self = .aborted(message)
        case "resourceExhausted": self = .resourceExhausted(message)
        case "permissionDenied": self = .permissionDenied(message)
        case "unavailable": self = .unavailable(message)
        case "cancelled": self = .cancelled(message)
        default: self = .internal(message)
        }
    }
}
