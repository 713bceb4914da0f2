import Foundation

/// A daemon that did not behave, with what it printed.
public struct DaemonError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
    init(_ description: String) { self.description = description }
}
