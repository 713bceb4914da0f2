/// The kinds of object `convctl apply` and `convctl get` handle.
enum ManifestKind: String, CaseIterable {
    case recipient = "Recipient"
    case source = "Source"

    /// The lower-case noun used on the command line and in messages.
    var noun: String { rawValue.lowercased() }
}
