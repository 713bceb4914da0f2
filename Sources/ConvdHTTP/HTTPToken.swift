import ConvdServer
import Crypto
import Foundation

/// One credential of the HTTP listener: a name (the actor of what it records), the SHA-256 of the
/// secret (the secret itself is never stored or logged), a role, and optionally the one recipient
/// whose deliveries it may report for.
public struct HTTPToken: Sendable, Equatable {
    /// Names the token in actors, logs and errors.
    public var name: String
    /// Lower-case hex SHA-256 of the secret.
    public var digest: String
    /// What it may do.
    public var role: Role
    /// When set, it may only report for this recipient's deliveries.
    public var recipientID: String?

    /// A token from its parts.
    public init(name: String, digest: String, role: Role, recipientID: String? = nil) {
        self.name = name
        self.digest = digest
        self.role = role
        self.recipientID = recipientID
    }

    /// Parses `name=crm-1-connector,role=recorder,sha256=HEX[,recipient=crm-1]` (the `--http-token`
    /// flag; the config file's `http.tokens` entries become these).
    /// - Throws: `HTTPConfigurationError` naming the part that is wrong.
    public static func parse(_ spec: String) throws(HTTPConfigurationError) -> HTTPToken {
        var parts: [String: String] = [:]
        for item in spec.split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, ["name", "role", "sha256", "recipient"].contains(kv[0]) else {
                throw HTTPConfigurationError("--http-token: '\(item)' is not one of name=, role=, sha256=, recipient=")
            }
            parts[kv[0]] = kv[1]
        }
        guard let name = parts["name"], !name.isEmpty else { throw HTTPConfigurationError("--http-token: name= is required") }
        guard let roleName = parts["role"], let role = Role(name: roleName) else {
            throw HTTPConfigurationError("--http-token \(name): role= must be reader, recorder or admin")
        }
        guard let digest = parts["sha256"]?.lowercased(), digest.count == 64, digest.allSatisfy(\.isHexDigit) else {
            throw HTTPConfigurationError("--http-token \(name): sha256= must be the 64 hex digits of the token's SHA-256 (convctl token new prints it)")
        }
        return HTTPToken(name: name, digest: digest, role: role, recipientID: parts["recipient"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Lower-case hex SHA-256 of `secret`.
    public static func digest(of secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
