/// What a connection may do, from its peer credentials. Each role includes the ones below it.
public enum Role: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// Queries and events.
    case reader = 1
    /// Reader, plus deliveries and feedback.
    case recorder = 2
    /// Everything, including recipients, sources and forwarding retries.
    case admin = 3

    /// Roles are ordered: each includes what the ones below it may do.
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The lower-case name used in flags and messages.
    public var description: String {
        switch self {
        case .reader: "reader"
        case .recorder: "recorder"
        case .admin: "admin"
        }
    }

    /// Parses `reader`, `recorder` or `admin`.
    public init?(name: String) {
        guard let role = Role.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = role
    }
}
