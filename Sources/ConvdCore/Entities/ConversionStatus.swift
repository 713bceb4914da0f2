/// Where a conversion stands.
public enum ConversionStatus: String, Sendable, Codable, CaseIterable {
    /// Reported, not yet approved: counted apart from approved value.
    case pending = "PENDING"
    /// Confirmed: counts as a conversion with approved value.
    case approved = "APPROVED"
    /// Refused by the CRM or an adjustment: counted nowhere but its own column.
    case rejected = "REJECTED"
    /// Taken back (e.g. a charge-back): counted nowhere but its own column.
    case retracted = "RETRACTED"

    /// Whether moving from `self` to `next` is allowed: PENDING to APPROVED or REJECTED,
    /// APPROVED to REJECTED, anything to RETRACTED, and staying put.
    public func canMove(to next: ConversionStatus) -> Bool {
        if next == self || next == .retracted { return self != .retracted || next == .retracted }
        switch (self, next) {
        case (.pending, .approved), (.pending, .rejected), (.approved, .rejected): return true
        default: return false
        }
    }
}
