/// What a Delete did: deleted outright, or archived because the object has history.
public struct DeleteResult: Sendable, Codable, Equatable {
    /// True when it had history and was archived instead of deleted.
    public var archived: Bool

    /// Creates a result.
    public init(archived: Bool) { self.archived = archived }
}
