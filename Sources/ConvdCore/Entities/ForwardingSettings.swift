/// How and where feedback is forwarded to a source.
public struct ForwardingSettings: Sendable, Equatable, Codable {
    /// How a forward is encoded.
    public enum Format: String, Sendable, Codable, CaseIterable {
        /// JSON, XML or form-encoded bodies POSTed, or a GET whose URL template carries the values.
        case json = "JSON", xml = "XML", form = "FORM", get = "GET"
    }

    /// http or https; for GET, a template with placeholders.
    public var url: String
    /// Body encoding.
    public var format: Format
    /// Forward conversions.
    public var conversions: Bool
    /// Forward returns.
    public var returns: Bool
    /// Forward adjustments (retract, restate, approve, reject).
    public var adjustments: Bool
    /// Output name to template; empty means a default body with every field.
    public var fieldMapping: [String: String]
    /// Extra request headers.
    public var headers: [String: String]
    /// Per attempt, milliseconds.
    public var timeoutMs: UInt32
    /// Attempts before an item is parked as DEAD.
    public var maxAttempts: UInt32
    /// When non-empty, a 2xx counts only if the body contains it.
    public var successBodyContains: String

    /// Default per-attempt timeout.
    public static let defaultTimeoutMs: UInt32 = 10_000
    /// Default attempts before DEAD.
    public static let defaultMaxAttempts: UInt32 = 8

    /// Creates settings; zero timeout and attempts take the defaults.
    public init(
        url: String, format: Format = .json, conversions: Bool = true, returns: Bool = true,
        adjustments: Bool = true, fieldMapping: [String: String] = [:], headers: [String: String] = [:],
        timeoutMs: UInt32 = 0, maxAttempts: UInt32 = 0, successBodyContains: String = ""
    ) {
        self.url = url
        self.format = format
        self.conversions = conversions
        self.returns = returns
        self.adjustments = adjustments
        self.fieldMapping = fieldMapping
        self.headers = headers
        self.timeoutMs = timeoutMs == 0 ? Self.defaultTimeoutMs : timeoutMs
        self.maxAttempts = maxAttempts == 0 ? Self.defaultMaxAttempts : maxAttempts
        self.successBodyContains = successBodyContains
    }
}
