/// gRPC's canonical status codes, with the same numbers, as carried in `Status.code`.
public enum StatusCode: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    /// The call succeeded.
    case ok = 0
    /// The caller cancelled the call; nothing was applied.
    case cancelled = 1
    /// An error with no better code.
    case unknown = 2
    /// The request is malformed; the message and violations name the fields.
    case invalidArgument = 3
    /// The call's deadline passed before it was applied; nothing was applied.
    case deadlineExceeded = 4
    /// The named entity does not exist.
    case notFound = 5
    /// The entity exists already.
    case alreadyExists = 6
    /// The caller's role does not allow the method.
    case permissionDenied = 7
    /// A limit was reached (calls, connections, a return cap); retry later.
    case resourceExhausted = 8
    /// The system is not in a state to apply it (an archived entity, a closed window).
    case failedPrecondition = 9
    /// A conflict with a concurrent change (a stale update stamp, a reused idempotency key); re-read and retry.
    case aborted = 10
    /// A value is outside what is accepted (a page token, a time).
    case outOfRange = 11
    /// The method does not exist.
    case unimplemented = 12
    /// A bug in convd; the message says what broke.
    case `internal` = 13
    /// convd is shutting down or the connection closed; retry elsewhere or later.
    case unavailable = 14
    /// Stored data is unreadable.
    case dataLoss = 15
    /// The caller could not be identified.
    case unauthenticated = 16

    /// The canonical upper-case name, e.g. `NOT_FOUND`.
    public var name: String {
        switch self {
        case .ok: "OK"
        case .cancelled: "CANCELLED"
        case .unknown: "UNKNOWN"
        case .invalidArgument: "INVALID_ARGUMENT"
        case .deadlineExceeded: "DEADLINE_EXCEEDED"
        case .notFound: "NOT_FOUND"
        case .alreadyExists: "ALREADY_EXISTS"
        case .permissionDenied: "PERMISSION_DENIED"
        case .resourceExhausted: "RESOURCE_EXHAUSTED"
        case .failedPrecondition: "FAILED_PRECONDITION"
        case .aborted: "ABORTED"
        case .outOfRange: "OUT_OF_RANGE"
        case .unimplemented: "UNIMPLEMENTED"
        case .internal: "INTERNAL"
        case .unavailable: "UNAVAILABLE"
        case .dataLoss: "DATA_LOSS"
        case .unauthenticated: "UNAUTHENTICATED"
        }
    }

    /// The code for a wire number; numbers outside gRPC's set read as UNKNOWN.
    public init(wireValue: UInt32) {
        self = StatusCode(rawValue: wireValue) ?? .unknown
    }

    /// The code's name, e.g. `NOT_FOUND`.
    public var description: String { name }
}
