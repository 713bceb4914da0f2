/// What a Put stored and whether it created the object; saved whole as an idempotent answer.
public struct PutResult<T: Sendable & Codable>: Sendable, Codable {
    /// The object as stored.
    public var value: T
    /// True when it did not exist before.
    public var created: Bool
}
