/// The part of a vendor statement a line belongs to.
public enum StatementSection: String, Sendable, Codable, CaseIterable {
    /// Leads delivered, with their cost.
    case leads = "LEADS"
    /// Returns that stand, by reason, with the cost credited back.
    case returns = "RETURNS"
    /// Counted conversions, by type, with their revenue.
    case conversions = "CONVERSIONS"
}
