import ConvdProto

/// A non-OK status thrown by the client: the code and message the server sent.
public struct StatusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status the call ended with.
    public var status: Status

    /// Wraps a non-OK status.
    public init(_ status: Status) { self.status = status }

    /// Wraps a code and message.
    public init(_ code: StatusCode, _ message: String) { self.status = Status(code, message) }

    /// The canonical code.
    public var code: StatusCode { status.code }
    /// The server's message.
    public var message: String { status.message }

    /// The status as text.
    public var description: String { status.description }
}
