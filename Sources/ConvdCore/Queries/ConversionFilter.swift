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

/// What stats rows are grouped by.
public enum StatsGrouping: String, Sendable, CaseIterable {
    case none, recipient, source, type, day
}

/// The figures of one stats group.
public struct StatsRow: Sendable, Equatable {
    /// The recipient, source, type or UTC day; empty when not grouped.
    public var group: String
    public var deliveries: UInt64 = 0
    /// Not rejected or retracted.
    public var conversions: UInt64 = 0
    public var pendingConversions: UInt64 = 0
    public var rejectedConversions: UInt64 = 0
    public var retractedConversions: UInt64 = 0
    /// Per currency.
    public var approvedValue: [Money] = []
    public var pendingValue: [Money] = []
    public var returns: UInt64 = 0
    /// Feedback refused by a rule set.
    public var rejectedFeedback: UInt64 = 0
    /// Deliveries with at least one counted (not negative, not rejected or retracted) conversion.
    public var convertedDeliveries: UInt64 = 0
    /// Conversions of negative types (FakeLead by default), not rejected or retracted.
    public var flagged: UInt64 = 0

    /// An empty row for `group`.
    public init(group: String) { self.group = group }

    /// convertedDeliveries / deliveries, 0 without deliveries; at most 1.
    public var conversionRate: Double { deliveries == 0 ? 0 : min(1, Double(convertedDeliveries) / Double(deliveries)) }
    /// returns / deliveries, 0 without deliveries.
    public var returnRate: Double { deliveries == 0 ? 0 : Double(returns) / Double(deliveries) }
}

/// Narrows the events view; empty fields do not filter.
public struct EventFilter: Sendable, Equatable {
    public var outcomes: [FeedbackOutcome] = []
    public var recipientID = ""
    public var sourceID = ""
    /// received_at in [fromMs, toMs); 0 means open.
    public var fromMs: Int64 = 0
    public var toMs: Int64 = 0

    /// No filtering.
    public init() {}
}

/// One received feedback (or adjustment) and what happened to it.
public struct FeedbackEvent: Sendable, Equatable {
    public var seq: Int64
    public var receivedAtMs: Int64
    /// The feedback as received; nil for adjustments.
    public var input: FeedbackInput?
    /// The adjustment as received; nil for feedback.
    public var adjustment: AdjustmentInput?
    public var outcome: FeedbackOutcome
    /// For FAILED: the error.
    public var error: ConvdError?
    public var detail: String
    public var conversionID: String
    public var recipientID: String
    public var sourceID: String
    public var eventID: String
    public var test: Bool
    public var idempotencyKey: String

    /// Creates an event.
    public init(seq: Int64, receivedAtMs: Int64, input: FeedbackInput?, adjustment: AdjustmentInput?, outcome: FeedbackOutcome,
                error: ConvdError?, detail: String, conversionID: String, recipientID: String, sourceID: String,
                eventID: String, test: Bool, idempotencyKey: String) {
        self.seq = seq
        self.receivedAtMs = receivedAtMs
        self.input = input
        self.adjustment = adjustment
        self.outcome = outcome
        self.error = error
        self.detail = detail
        self.conversionID = conversionID
        self.recipientID = recipientID
        self.sourceID = sourceID
        self.eventID = eventID
        self.test = test
        self.idempotencyKey = idempotencyKey
    }
}
