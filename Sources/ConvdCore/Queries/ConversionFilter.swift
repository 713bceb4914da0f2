/// Narrows conversion lists and stats; empty fields do not filter.
public struct ConversionFilter: Sendable, Equatable {
    public var recipientID = ""
    public var sourceID = ""
    public var conversionType = ""
    public var clickID = ""
    public var eventID = ""
    public var statuses: [ConversionStatus] = []
    /// created_at in [fromMs, toMs); 0 means open.
    public var fromMs: Int64 = 0
    public var toMs: Int64 = 0
    /// Test deliveries are excluded unless this is set.
    public var includeTest = false

    /// No filtering (test deliveries excluded).
    public init() {}
}
