/// Narrows conversion lists and stats; empty fields do not filter.
public struct ConversionFilter: Sendable, Equatable {
    /// Only this recipient's conversions.
    public var recipientID = ""
    /// Only this source's conversions.
    public var sourceID = ""
    /// Only this type.
    public var conversionType = ""
    /// Only the conversions of this click ID.
    public var clickID = ""
    /// Only the conversions of this delivery.
    public var eventID = ""
    /// Only these statuses.
    public var statuses: [ConversionStatus] = []
    /// created_at in [fromMs, toMs); 0 means open.
    public var fromMs: Int64 = 0
    /// End of the created_at range (exclusive); 0 means open.
    public var toMs: Int64 = 0
    /// Test deliveries are excluded unless this is set.
    public var includeTest = false

    /// No filtering (test deliveries excluded).
    public init() {}
}
