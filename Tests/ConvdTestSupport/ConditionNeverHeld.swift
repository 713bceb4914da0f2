/// A condition a test awaited with `eventually` did not hold within its safety limit.
public struct ConditionNeverHeld: Error, CustomStringConvertible {
    /// How long it was awaited.
    public var limit: Duration

    /// Says so.
    public var description: String { "the awaited condition did not hold within \(limit)" }
}
