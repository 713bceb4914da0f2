/// Tells the current UTC time in Unix milliseconds. Injected so that tests can set the time
/// (return windows, monthly caps) instead of sleeping.
public protocol WallClock: Sendable {
    /// Now, in Unix milliseconds UTC.
    func nowMs() -> Int64
}
