import ConvdCore
import Foundation
import PostgresNIO

/// A `postgres://` URL as convd takes it: `postgres://user[:password]@host[:port]/database`, or
/// a Unix socket directory as libpq spells it, `postgres://user@/database?host=/run/postgresql`.
/// `pool_size=N` in the query sets the number of connections; `schema=NAME` keeps convd's tables
/// in that schema (created if missing), so several convd deployments can share one database.
public struct PostgresURL: Sendable {
    /// How postgres-nio connects.
    var configuration: PostgresConnection.Configuration
    /// Connections in the pool.
    public let poolSize: Int
    /// The schema convd's tables live in (nil: the server's search_path, normally `public`).
    public let schema: String?
    /// The URL with its password masked, for logs and `System/Info`.
    public let display: String

    /// Parses `text`. - Throws: `invalidArgument` naming what is wrong.
    public init(_ text: String, defaultPoolSize: Int = 16) throws(ConvdError) {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw .invalidArgument("--database '\(Self.masked(text))' is not a postgres:// URL")
        }
        let database = String(url.path.dropFirst())
        guard !database.isEmpty else { throw .invalidArgument("--database '\(Self.masked(text))' names no database (postgres://user@host/DATABASE)") }
        let user = url.user ?? "postgres"
        let query = Dictionary(url.queryItems?.map { ($0.name, $0.value ?? "") } ?? [], uniquingKeysWith: { $1 })
        var size = defaultPoolSize
        if let text = query["pool_size"] {
            guard let n = Int(text), (1...200).contains(n) else {  // no-trap: parses text
                throw .invalidArgument("pool_size '\(text)' in --database must be 1 to 200")
            }
            size = n
        }
        poolSize = size
        if let name = query["schema"] {
            guard !name.isEmpty, name.count <= 63, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                throw .invalidArgument("schema '\(name)' in --database must be 1 to 63 of a-z, 0-9 and _")
            }
            schema = name
        } else {
            schema = nil
        }
        let port = url.port ?? 5432
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            configuration = .init(unixSocketPath: socketDirectory + "/.s.PGSQL.\(port)", username: user, password: url.password,
                                  database: database)
        } else {
            guard let host = url.host, !host.isEmpty else {
                throw .invalidArgument("--database '\(Self.masked(text))' names no host (postgres://user@HOST/db, or ?host=/socket/dir)")
            }
            configuration = .init(host: host, port: port, username: user, password: url.password, database: database, tls: .disable)
        }
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        display = Self.masked(text)
    }

    /// `text` with any password replaced by ****.
    static func masked(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = SecretMask.mask
        return url.string ?? text
    }
}
