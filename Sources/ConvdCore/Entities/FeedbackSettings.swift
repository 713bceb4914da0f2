/// Which feedback a recipient may send, and how each conversion type counts.
public struct FeedbackSettings: Sendable, Equatable, Codable {
    /// Whether conversion feedback is accepted.
    public var receiveConversions: Bool
    /// Whether returns are accepted.
    public var receiveReturns: Bool
    /// Days after delivery in which a return is accepted; 0 means no limit.
    public var returnWindowDays: UInt32
    /// The types this recipient uses, with their modes.
    public var conversionTypes: [ConversionTypeSetting]
    /// Mode for types not listed; nil means strict (an unknown type is refused).
    public var defaultMode: ConversionMode?
    /// Conditions every feedback must meet.
    public var rules: RuleSet?
    /// Allowed return reasons (case-insensitive); empty means any.
    public var allowedReturnReasons: [String]

    /// Creates settings.
    public init(
        receiveConversions: Bool, receiveReturns: Bool, returnWindowDays: UInt32,
        conversionTypes: [ConversionTypeSetting], defaultMode: ConversionMode?,
        rules: RuleSet? = nil, allowedReturnReasons: [String] = []
    ) {
        self.receiveConversions = receiveConversions
        self.receiveReturns = receiveReturns
        self.returnWindowDays = returnWindowDays
        self.conversionTypes = conversionTypes
        self.defaultMode = defaultMode
        self.rules = rules
        self.allowedReturnReasons = allowedReturnReasons
    }

    /// The common-practice defaults: conversions and returns on, a 30-day return window,
    /// Lead/SalesCallScheduled CREATE_NEW, QualifiedLead UPDATE, FakeLead/ContractSigned
    /// IGNORE_DUPLICATES, WonClient/RecurringRevenue INCREMENT, other types CREATE_NEW.
    public static let defaults = FeedbackSettings(
        receiveConversions: true, receiveReturns: true, returnWindowDays: 30,
        conversionTypes: [
            .init(name: "Lead", mode: .createNew),
            .init(name: "SalesCallScheduled", mode: .createNew),
            .init(name: "QualifiedLead", mode: .update),
            .init(name: "FakeLead", mode: .ignoreDuplicates),
            .init(name: "ContractSigned", mode: .ignoreDuplicates),
            .init(name: "WonClient", mode: .increment),
            .init(name: "RecurringRevenue", mode: .increment),
        ],
        defaultMode: .createNew
    )
}

/// A conversion type a recipient uses and its mode.
public struct ConversionTypeSetting: Sendable, Equatable, Codable {
    /// The type's name, matched case-insensitively.
    public var name: String
    /// How later feedback for the same key counts.
    public var mode: ConversionMode
    /// IGNORE_DUPLICATES only: seconds after which a new conversion may be created; 0 = never.
    public var duplicateWindowSeconds: UInt32
    /// Whether the type is a negative outcome; nil means by name (see `negativeByDefault`).
    /// Optional so settings stored before it existed still decode.
    public var negative: Bool?

    /// Creates a type setting.
    public init(name: String, mode: ConversionMode, duplicateWindowSeconds: UInt32 = 0, negative: Bool? = nil) {
        self.name = name
        self.mode = mode
        self.duplicateWindowSeconds = duplicateWindowSeconds
        self.negative = negative
    }

    /// Whether feedback of this type is counted as flagged rather than as a conversion.
    public var isNegative: Bool { negative ?? Self.negativeByDefault(name) }

    /// FakeLead (any case) is negative unless said otherwise: a lead reported fake is a complaint
    /// about the lead, not a sale, and must never lift a conversion rate.
    public static func negativeByDefault(_ name: String) -> Bool { name.lowercased() == "fakelead" }
}
