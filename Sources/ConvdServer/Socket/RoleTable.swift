/// Maps peer credentials to a role. By default the daemon's own uid and root are admin and
/// nobody else gets in; grants by uid or gid add more.
public struct RoleTable: Sendable, Equatable {
    /// Roles granted to user ids.
    public var byUID: [UInt32: Role]
    /// Roles granted to group ids.
    public var byGID: [UInt32: Role]
    /// Uids that are admin whatever the grants say: root and the daemon's own uid.
    public var admins: Set<UInt32>

    /// A table where only `ownUID` and root are admin, plus the given grants.
    public init(ownUID: UInt32, byUID: [UInt32: Role] = [:], byGID: [UInt32: Role] = [:]) {
        self.admins = [0, ownUID]
        self.byUID = byUID
        self.byGID = byGID
    }

    /// The role of a peer, or nil when it may not connect at all. The highest grant wins.
    public func role(for peer: PeerCredentials) -> Role? {
        if admins.contains(peer.uid) { return .admin }
        return [byUID[peer.uid], byGID[peer.gid]].compactMap { $0 }.max()
    }

    /// Parses a grant such as `uid:1001=reader` or `gid:50=recorder` into the table.
    /// - Throws: `RoleTableError` naming the malformed grant.
    public mutating func add(grant: String) throws(RoleTableError) {
        let parts = grant.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let role = Role(name: parts[1]) else { throw RoleTableError(grant: grant) }
        let who = parts[0].split(separator: ":", maxSplits: 1).map(String.init)
        guard who.count == 2, let id = UInt32(who[1]) else { throw RoleTableError(grant: grant) }  // no-trap: parses text
        switch who[0] {
        case "uid": byUID[id] = role
        case "gid": byGID[id] = role
        default: throw RoleTableError(grant: grant)
        }
    }
}
