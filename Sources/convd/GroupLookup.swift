import ArgumentParser
import Foundation

/// Resolves user and group names (or numbers) to ids, for `--socket-group` and `--grant`.
enum GroupLookup {
    /// The gid of a group name or number.
    static func gid(for nameOrNumber: String) throws -> UInt32 {
        if let gid = UInt32(nameOrNumber) { return gid }  // no-trap: parses text
        guard let entry = getgrnam(nameOrNumber) else {
            throw ValidationError("no group named '\(nameOrNumber)'")
        }
        return entry.pointee.gr_gid
    }

    /// The uid of a user name or number.
    static func uid(for nameOrNumber: String) throws -> UInt32 {
        if let uid = UInt32(nameOrNumber) { return uid }  // no-trap: parses text
        guard let entry = getpwnam(nameOrNumber) else {
            throw ValidationError("no user named '\(nameOrNumber)'")
        }
        return entry.pointee.pw_uid
    }

    /// A grant with names resolved: `user:NAME=ROLE` becomes `uid:N=ROLE`, `group:NAME=ROLE`
    /// becomes `gid:N=ROLE`; `uid:`/`gid:` grants pass through.
    static func resolve(grant: String) throws -> String {
        guard let eq = grant.firstIndex(of: "="), let colon = grant[..<eq].firstIndex(of: ":") else { return grant }
        let kind = grant[..<colon], name = String(grant[grant.index(after: colon)..<eq]), role = grant[eq...]
        switch kind {
        case "user": return "uid:\(try uid(for: name))\(role)"
        case "group": return "gid:\(try gid(for: name))\(role)"
        default: return grant
        }
    }
}
