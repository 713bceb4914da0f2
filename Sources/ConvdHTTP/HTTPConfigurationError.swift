/// A bad HTTP listener setting (address, token), with a message naming it.
public struct HTTPConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
