/// What the policy decided for one feedback; the store carries it out.
public enum FeedbackDecision: Sendable, Equatable {
    /// A rule set refused it: nothing counts; `detail` is the failing rule in words.
    case rejected(detail: String)
    /// A new conversion, in key slot `slot` (nil: CREATE_NEW, never unique).
    case create(Conversion, slot: Int?)
    /// The conversion replaced by a new version (UPDATE).
    case update(Conversion)
    /// A new instalment counted into the conversion (INCREMENT); the conversion is what it becomes.
    case increment(Conversion, Instalment)
    /// Nothing changes; the existing conversion is returned.
    case duplicate(Conversion, detail: String)
    /// Older than the current version (UPDATE): nothing changes.
    case stale(Conversion, detail: String)
    /// A return is recorded for the delivery.
    case recordReturn
    /// The delivery already has a return.
    case duplicateReturn(detail: String)

    /// The outcome reported to the caller.
    public var outcome: FeedbackOutcome {
        switch self {
        case .rejected: .rejected
        case .create: .created
        case .update: .updated
        case .increment: .incremented
        case .duplicate, .duplicateReturn: .duplicateIgnored
        case .stale: .staleIgnored
        case .recordReturn: .returnRecorded
        }
    }
}
