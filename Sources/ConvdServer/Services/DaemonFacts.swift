import ConvdCore
import ConvdProto
import ConvdStore
import Foundation

/// Facts about the running daemon, fixed at start.
public struct DaemonFacts: Sendable {
    /// The daemon's version.
    public var version: String
    /// Where it listens.
    public var socketPath: String
    /// Where it stores.
    public var databasePath: String
    /// full or normal.
    public var durability: Durability
    /// When it started, Unix ms.
    public var startedAtMs: Int64

    /// Creates the facts.
    public init(version: String, socketPath: String, databasePath: String, durability: Durability, startedAtMs: Int64) {
        self.version = version
        self.socketPath = socketPath
        self.databasePath = databasePath
        self.durability = durability
        self.startedAtMs = startedAtMs
    }
}
