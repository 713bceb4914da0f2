import ConvdCore
import Synchronization

/// A wall clock that a test sets, so windows and monthly caps are tested without sleeping.
public final class ManualClock: WallClock {
    private let now: Mutex<Int64>

    /// A clock showing `ms`.
    public init(ms: Int64) { now = Mutex(ms) }

    /// The time it shows.
    public func nowMs() -> Int64 { now.withLock { $0 } }

    /// Sets the time.
    public func set(ms: Int64) { now.withLock { $0 = ms } }

    /// Moves the time forward.
    public func advance(ms: Int64) { now.withLock { $0 += ms } }
}
