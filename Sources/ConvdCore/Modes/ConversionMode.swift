/// What a later feedback for the same conversion key does (DESIGN.md, "Feedback semantics").
public enum ConversionMode: String, Sendable, Codable, CaseIterable {
    /// Every feedback creates a new conversion.
    case createNew = "CREATE_NEW"
    /// A later feedback replaces reason, amount and fields; history kept.
    case update = "UPDATE"
    /// A later feedback changes nothing, optionally only within a window.
    case ignoreDuplicates = "IGNORE_DUPLICATES"
    /// A later feedback adds its amount and counts one more postback.
    case increment = "INCREMENT"
}
