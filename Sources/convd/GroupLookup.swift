import ArgumentParser
import AsyncHTTPClient
import ConvdCore
import ConvdServer
import ConvdStore
import ConvdWire
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// Resolves a group name or number to a gid.
enum GroupLookup {
    static func gid(for nameOrNumber: String) throws -> UInt32 {
        if let gid = UInt32(nameOrNumber) { return gid }  // no-trap: parses text
        guard let entry = getgrnam(nameOrNumber) else {
            throw ValidationError("no group named '\(nameOrNumber)'")
        }
        return entry.pointee.gr_gid
    }
}
