/// Why a request's credentials were refused (answered 401).
public struct HTTPAuthFailure: Error, Sendable {
    /// What is missing or wrong; never the secret itself.
    public var message: String

    /// A failure saying `message`.
    public init(_ message: String) { self.message = message }
}
