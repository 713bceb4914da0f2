/// The rule for IDs of recipients and sources: short, URL- and shell-safe, unambiguous.
public enum Slug {
    /// Longest accepted slug.
    public static let maxLength = 64

    /// Why `value` is not a valid slug, or nil when it is.
    public static func problem(_ value: String) -> String? {
        if value.isEmpty { return "is required" }
        if value.utf8.count > maxLength { return "must be at most \(maxLength) characters" }
        let bytes = Array(value.utf8)
        func isAlnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard isAlnum(bytes[0]) else { return "'\(value)' must start with a lower-case letter or digit" }
        for b in bytes where !(isAlnum(b) || b == 0x2D || b == 0x5F) {
            _ = b
            return "'\(value)' may hold only a-z, 0-9, '-' and '_'"
        }
        return nil
    }
}
