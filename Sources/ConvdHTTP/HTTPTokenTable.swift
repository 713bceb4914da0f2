import Foundation

/// The HTTP listener's credentials, found by the SHA-256 of what a request presents: a bearer
/// token, or HTTP basic with the token as the password (which CRMs that only know basic auth can
/// send; the user name is not checked).
public struct HTTPTokenTable: Sendable {
    private let byDigest: [String: HTTPToken]

    /// A table of `tokens`.
    /// - Throws: `HTTPConfigurationError` when two share a name or a secret.
    public init(_ tokens: [HTTPToken]) throws(HTTPConfigurationError) {
        var map: [String: HTTPToken] = [:]
        var names: Set<String> = []
        for t in tokens {
            guard names.insert(t.name).inserted else { throw HTTPConfigurationError("--http-token: two tokens are named '\(t.name)'") }
            guard map[t.digest] == nil else { throw HTTPConfigurationError("--http-token: '\(t.name)' has the same secret as another token") }
            map[t.digest] = t
        }
        byDigest = map
    }

    /// Whether there are no tokens (then only an open dashboard could serve anything).
    public var isEmpty: Bool { byDigest.isEmpty }

    /// The token an `Authorization` header presents.
    /// - Throws: `HTTPAuthFailure` saying what is missing or wrong, never echoing the secret.
    public func authenticate(_ authorization: String?) throws(HTTPAuthFailure) -> HTTPToken {
        guard let header = authorization?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            throw HTTPAuthFailure("no credentials: send Authorization: Bearer TOKEN (or HTTP basic with the token as password)")
        }
        let scheme = header.prefix { $0 != " " }.lowercased()
        let value = header.drop { $0 != " " }.trimmingCharacters(in: .whitespaces)
        let secret: String
        switch scheme {
        case "bearer":
            secret = value
        case "basic":
            guard let data = Data(base64Encoded: value), let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else {
                throw HTTPAuthFailure("Authorization: Basic credentials are not base64 of user:token")
            }
            secret = String(text[text.index(after: colon)...])
        default:
            throw HTTPAuthFailure("Authorization: scheme '\(scheme)' is not Bearer or Basic")
        }
        guard let token = byDigest[HTTPToken.digest(of: secret)] else { throw HTTPAuthFailure("the token presented is not one this daemon knows") }
        return token
    }
}
