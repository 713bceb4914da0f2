/// A request body convd cannot read: 400 with the message, or 415 for a content type it does
/// not take.
struct HTTPBodyError: Error, Sendable {
    /// What is wrong with the body.
    var message: String
    /// Whether the content type itself is the problem (415).
    var unsupportedType = false

    init(_ message: String) { self.message = message }
    init(unsupported message: String) {
        self.message = message
        unsupportedType = true
    }
}
