/// Where the HTTP listener binds, who may call it, and how large a body may be.
public struct HTTPListenerConfiguration: Sendable {
    /// The address to bind (a loopback one unless remote access was allowed).
    public var host: String
    /// The TCP port; 0 picks one (the log line names it).
    public var port: Int
    /// The credentials.
    public var tokens: HTTPTokenTable
    /// Largest body of `POST /feedback`: one report is a few hundred bytes.
    public var maxFeedbackBytes = 64 << 10
    /// Largest body of `POST /feedback/batch` (a CSV of about 100,000 rows).
    public var maxBatchBytes = 16 << 20
    /// Whether the dashboard's pages are served without a token (loopback listeners only).
    public var dashboardOpen = false

    /// A configuration for `address` ("127.0.0.1:8080", "[::1]:8080", "localhost:8080").
    /// - Throws: `HTTPConfigurationError` for a malformed address, or a non-loopback one without
    ///   `allowRemote` (tokens travel in clear text: put TLS in front of a remote listener).
    public init(address: String, allowRemote: Bool, tokens: HTTPTokenTable, dashboardOpen: Bool = false) throws(HTTPConfigurationError) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),  // no-trap: a parse
              (0...65_535).contains(port) else {
            throw HTTPConfigurationError("--http-listen: '\(address)' is not HOST:PORT")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        guard loopback || allowRemote else {
            throw HTTPConfigurationError("--http-listen: '\(host)' is not a loopback address (127.0.0.0/8, ::1 or localhost); add --http-allow-remote to listen on it, behind TLS")
        }
        guard !dashboardOpen || loopback else {
            throw HTTPConfigurationError("--http-dashboard-open serves data without a token: only on a loopback address")
        }
        self.host = host
        self.port = port
        self.tokens = tokens
        self.dashboardOpen = dashboardOpen
    }
}
