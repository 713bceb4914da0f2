/// A lead seller or publisher, with where its feedback is forwarded.
public struct Source: Sendable, Equatable, Codable {
    /// Slug, immutable.
    public var id: String
    /// Free text for people.
    public var name: String
    /// Where feedback is forwarded; nil means no forwarding.
    public var forwarding: ForwardingSettings?
    /// Most returns accepted per calendar month; nil means no cap.
    public var returnCap: ReturnCap?
    /// Free-form labels.
    public var labels: [String: String]
    /// Set by the store, Unix ms UTC.
    public var createdAtMs: Int64
    /// Set by the store, Unix ms UTC.
    public var updatedAtMs: Int64
    /// When it was archived (deleted while it had history); 0 when live.
    public var archivedAtMs: Int64 = 0

    /// Creates a source.
    public init(
        id: String, name: String = "", forwarding: ForwardingSettings? = nil, returnCap: ReturnCap? = nil,
        labels: [String: String] = [:], createdAtMs: Int64 = 0, updatedAtMs: Int64 = 0
    ) {
        self.id = id
        self.name = name
        self.forwarding = forwarding
        self.returnCap = returnCap
        self.labels = labels
        self.createdAtMs = createdAtMs
        self.updatedAtMs = updatedAtMs
    }
}

/// A per-source cap on returns in one calendar month (UTC).
public enum ReturnCap: Sendable, Equatable, Codable {
    /// At most this many returns a month.
    case count(UInt32)
    /// At most this share of the month's deliveries, in basis points (1000 = 10%).
    case shareBasisPoints(UInt32)
}

/// How and where feedback is forwarded to a source.
public struct ForwardingSettings: Sendable, Equatable, Codable {
    /// How a forward is encoded.
    public enum Format: String, Sendable, Codable, CaseIterable {
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
