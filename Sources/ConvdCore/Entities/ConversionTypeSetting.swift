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
