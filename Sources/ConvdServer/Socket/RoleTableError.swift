/// A role grant that could not be parsed.
public struct RoleTableError: Error, Sendable, CustomStringConvertible {
    /// The grant as given.
    public var grant: String
    /// What was wrong with the grant.
    public var description: String {
        "bad role grant '\(grant)': expected uid:N=ROLE or gid:N=ROLE with ROLE reader, recorder or admin"
    }
}
