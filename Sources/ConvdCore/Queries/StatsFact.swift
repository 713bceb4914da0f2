/// One aggregate row: the counters of one time bucket (an hour in the stored aggregates, a minute
/// when read from raw rows) for one recipient, source, conversion type, status, test flag and
/// currency. Which fields a row uses says what it is about:
/// - a conversion row has a status (and a type): conversions, flagged, approved and pending values;
/// - a converted-by-type row has a type but no status: deliveries converted by that type;
/// - a delivery-level row has neither: deliveries, deliveries converted by any type, cost,
///   returns, credits and rejected feedback.
/// Each counter is bucketed by its own time: deliveries and converted deliveries by delivery time,
/// conversions by creation, returns and credits by return time, rejected feedback by receipt.
public struct StatsFact: Sendable, Equatable, Hashable {
    /// Start of the bucket (ms since 1970, UTC).
    public var bucketMs: Int64
    /// The recipient.
    public var recipientID: String
    /// The source.
    public var sourceID: String
    /// The conversion type as first written; empty for delivery-level rows.
    public var conversionType: String
    /// The type lower-cased, as filters match it.
    public var typeKey: String
    /// The conversion status; empty for delivery-level and converted-by-type rows.
    public var status: String
    /// Test traffic.
    public var test: Bool
    /// The currency of the values in this row; empty when it has none.
    public var currency: String
    /// Leads delivered.
    public var deliveries: Int64 = 0
    /// Deliveries with a counted conversion of any type.
    public var convertedAny: Int64 = 0
    /// Deliveries with a counted conversion of this row's type.
    public var converted: Int64 = 0
    /// Lead cost in `currency`, and how many deliveries it sums.
    public var cost: Int64 = 0, costN: Int64 = 0
    /// Credits in `currency` for returns that stand, and how many.
    public var credits: Int64 = 0, creditN: Int64 = 0
    /// Returns that stand.
    public var returns: Int64 = 0
    /// Conversions of types that are not negative, and of negative types.
    public var conversions: Int64 = 0, flagged: Int64 = 0
    /// Approved value in `currency`, and how many conversions carry one.
    public var approved: Int64 = 0, approvedN: Int64 = 0
    /// Pending value in `currency`, and how many conversions carry one.
    public var pending: Int64 = 0, pendingN: Int64 = 0
    /// Feedback refused by a rule set.
    public var rejectedFeedback: Int64 = 0

    /// A row with every counter zero.
    public init(bucketMs: Int64, recipientID: String, sourceID: String, conversionType: String = "", typeKey: String = "",
                status: String = "", test: Bool = false, currency: String = "") {
        self.bucketMs = bucketMs
        self.recipientID = recipientID
        self.sourceID = sourceID
        self.conversionType = conversionType
        self.typeKey = typeKey
        self.status = status
        self.test = test
        self.currency = currency
    }

    /// Whether every counter is zero (a bucket whose rows all changed away).
    public var isZero: Bool {
        deliveries == 0 && convertedAny == 0 && converted == 0 && cost == 0 && costN == 0 && credits == 0 && creditN == 0
            && returns == 0 && conversions == 0 && flagged == 0 && approved == 0 && approvedN == 0 && pending == 0 && pendingN == 0
            && rejectedFeedback == 0
    }
}
