import ConvdCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real clock: CLOCK_REALTIME in Unix milliseconds.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// Now, in Unix milliseconds UTC.
    public func nowMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(truncatingIfNeeded: ts.tv_sec) * 1000 + Int64(truncatingIfNeeded: ts.tv_nsec) / 1_000_000
    }
}
