/// A conversion type as the recipient configured it.
public struct ResolvedType: Sendable, Equatable {
    /// The configured name (or the received one, for unlisted types).
    public var name: String
    /// Its mode.
    public var mode: ConversionMode
    /// IGNORE_DUPLICATES window; 0 means never.
    public var duplicateWindowSeconds: UInt32
    /// A negative outcome (FakeLead by default): counted as flagged, never as a conversion.
    public var negative: Bool = false
}
