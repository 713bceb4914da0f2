/// What was accepted, for a source's forward: each kind is forwarded only when the source asks for it.
public enum ForwardKind: Sendable, Equatable {
    /// A conversion created, updated or incremented.
    case conversion
    /// A return recorded.
    case `return`
    /// A correction of an existing conversion.
    case adjustment(AdjustmentInput.Kind)

    /// The `{kind}` placeholder's value.
    public var name: String {
        switch self {
        case .conversion: "conversion"
        case .return: "return"
        case .adjustment: "adjustment"
        }
    }
}
