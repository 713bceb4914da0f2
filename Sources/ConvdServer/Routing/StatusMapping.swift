import ConvdCore
import ConvdWire
import ConvdProto
import Logging
import SwiftProtobuf

/// The only place an error becomes a wire status.
public enum StatusMapping {
    /// The status for `error`. Unknown errors become UNKNOWN with a generic message, and their
    /// detail is logged rather than sent.
    public static func status(for error: any Error, logger: Logger) -> Status {
        switch error {
        case let error as ConvdError:
            return status(for: error, logger: logger)
        case let error as FrameError:
            switch error {
            case .frameTooLarge: return Status(.resourceExhausted, error.description)
            case .undecodableEnvelope: return Status(.invalidArgument, error.description)
            }
        case is SwiftProtobuf.BinaryDecodingError:
            return Status(.invalidArgument, "payload is not a valid request message: \(error)")
        case let error as StatusError:
            return error.status
        case is CancellationError:
            return Status(.cancelled, "call cancelled")
        default:
            logger.error("unexpected error", metadata: ["error": "\(error)"])
            return Status(.unknown, "unexpected error; see the daemon's log")
        }
    }

    private static func status(for error: ConvdError, logger: Logger) -> Status {
        switch error {
        case .invalidArgument(let message, let violations):
            let wire = violations.map { v -> Convd_V1_FieldViolation in
                var f = Convd_V1_FieldViolation()
                f.field = v.field
                f.description_p = v.description
                return f
            }
            return Status(.invalidArgument, message, violations: wire)
        case .notFound(let m): return Status(.notFound, m)
        case .alreadyExists(let m): return Status(.alreadyExists, m)
        case .failedPrecondition(let m): return Status(.failedPrecondition, m)
        case .aborted(let m): return Status(.aborted, m)
        case .resourceExhausted(let m): return Status(.resourceExhausted, m)
        case .permissionDenied(let m): return Status(.permissionDenied, m)
        case .unavailable(let m): return Status(.unavailable, m)
        case .cancelled(let m): return Status(.cancelled, m)
        case .internal(let m):
            logger.error("internal error", metadata: ["error": "\(m)"])
            return Status(.internal, "internal error; see the daemon's log")
        }
    }
}
