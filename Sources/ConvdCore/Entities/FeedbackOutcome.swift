/// What made a version of a conversion.
public enum FeedbackOutcome: String, Sendable, Codable, CaseIterable {
    /// A new conversion was made.
    case created = "CREATED"
    /// An existing conversion was replaced by a newer postback (UPDATE mode).
    case updated = "UPDATED"
    /// An instalment was added to a conversion (INCREMENT mode).
    case incremented = "INCREMENTED"
    /// A postback for an existing conversion was ignored (IGNORE_DUPLICATES, or a transaction ID seen before).
    case duplicateIgnored = "DUPLICATE_IGNORED"
    /// Refused by a rule set, the return window, reasons or cap; nothing changed.
    case rejected = "REJECTED"
    /// A return of the lead was recorded.
    case returnRecorded = "RETURN_RECORDED"
    /// An UPDATE postback older than the current version was ignored.
    case staleIgnored = "STALE_IGNORED"
    /// An adjustment (retract, restate, approve, reject) changed a conversion.
    case adjusted = "ADJUSTED"
    /// The feedback was invalid or found nothing; the event keeps the error.
    case failed = "FAILED"
}
