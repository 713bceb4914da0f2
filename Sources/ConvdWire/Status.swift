import ConvdProto

/// A call's outcome: a code, a message naming the problem, and the bad fields of an INVALID_ARGUMENT.
public struct Status: Sendable, Equatable, CustomStringConvertible {
    /// The canonical code.
    public var code: StatusCode
    /// Names the problem and the ID involved.
    public var message: String
    /// One (field, description) per bad field.
    public var violations: [Convd_V1_FieldViolation]

    /// Creates a status.
    public init(_ code: StatusCode, _ message: String = "", violations: [Convd_V1_FieldViolation] = []) {
        self.code = code
        self.message = message
        self.violations = violations
    }

    /// The OK status.
    public static let ok = Status(.ok)

    /// Reads a status off the wire.
    public init(proto: Convd_V1_Status) {
        self.init(StatusCode(wireValue: proto.code), proto.message, violations: proto.violations)
    }

    /// The wire form.
    public var proto: Convd_V1_Status {
        var s = Convd_V1_Status()
        s.code = code.rawValue
        s.message = message
        s.violations = violations
        return s
    }

    /// The code's name and the message.
    public var description: String { message.isEmpty ? code.name : "\(code.name): \(message)" }
}
