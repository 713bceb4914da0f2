import ConvdWire
import HTTPTypes
import Hummingbird

/// The HTTP status for each wire status code: the one place a convd status becomes an HTTP one,
/// following the gRPC-to-HTTP mapping (google.rpc.Code) every HTTP API built on it uses.
enum HTTPStatusMapping {
    static func status(for code: StatusCode) -> HTTPResponse.Status {
        switch code {
        case .ok: .ok
        case .cancelled: .init(code: 499, reasonPhrase: "Client Closed Request")
        case .invalidArgument, .outOfRange: .badRequest
        case .deadlineExceeded: .gatewayTimeout
        case .notFound: .notFound
        case .alreadyExists, .aborted, .failedPrecondition: .conflict
        case .permissionDenied: .forbidden
        case .unauthenticated: .unauthorized
        case .resourceExhausted: .tooManyRequests
        case .unimplemented: .notImplemented
        case .unavailable: .serviceUnavailable
        case .internal, .unknown, .dataLoss: .internalServerError
        }
    }
}
