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
