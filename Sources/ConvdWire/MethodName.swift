/// A gRPC-style full method name, `/package.Service/Method`, e.g. `/convd.v1.Feedback/Record`.
public struct MethodName: Sendable, Hashable, CustomStringConvertible {
    /// The proto package of every convd service.
    public static let package = "convd.v1"

    /// The full name as sent in `Request.method`.
    public let fullName: String

    /// The method of `service` (e.g. "System") called `method` (e.g. "Health").
    public init(service: String, method: String) {
        self.fullName = "/\(Self.package).\(service)/\(method)"
    }

    /// Wraps a full name as received.
    public init(fullName: String) { self.fullName = fullName }

    /// The full name, `convd.v1.Service/Method`.
    public var description: String { fullName }
}
