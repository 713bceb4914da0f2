/// Whose personal data a GDPR erasure removes: one delivery, or every delivery of one email.
public enum ErasureTarget: Sendable, Equatable {
    /// The delivery with this event ID.
    case eventID(String)
    /// Every delivery whose lead's `email` field is this address, compared case-insensitively.
    case email(String)
}
