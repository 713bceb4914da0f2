/// A role grant that could not be parsed.
public struct RoleTableError: Error, Sendable, CustomStringConvertible {
    /// The grant as given.
    public var grant: String
    /// What was wrong with the grant.
    public var description: String {
        "bad role grant '\(grant)': expected uid:N=ROLE, user:NAME=ROLE, gid:N=ROLE or group:NAME=ROLE with ROLE reader, recorder or admin"
    }
}
