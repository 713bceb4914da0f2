import GRDB

/// How hard an acknowledged write is held.
public enum Durability: String, Sendable, CaseIterable {
    /// synchronous=FULL: durable across power loss. The default.
    case full
    /// synchronous=NORMAL: durable across a process crash, may lose the last commits on power loss.
    case normal
}
