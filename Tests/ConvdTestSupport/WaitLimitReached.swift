/// A test waited longer than its safety limit for an event that never came.
public struct WaitLimitReached: Error, CustomStringConvertible {
    /// Elements awaited.
    public var wanted: Int
    /// Elements there when the limit passed.
    public var got: Int
    /// The limit.
    public var limit: Duration

    /// Says what was awaited and what came.
    public var description: String { "waited \(limit) for \(wanted) events, got \(got)" }
}
