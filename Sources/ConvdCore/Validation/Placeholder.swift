/// The `{placeholders}` a forwarding template may use.
public enum Placeholder {
    /// Placeholders with a fixed name; `lead.<field>` and `feedback.<field>` are open-ended.
    public static let fixed: Set<String> = [
        "event_id", "click_id", "type", "reason", "amount", "amount_minor", "currency", "outcome",
        "status", "transaction_id", "occurred_at", "conversion_id", "recipient_id", "source_id", "kind",
        "version", "postback_count", "adjustment", "total_amount", "instalment",
    ]

    /// Whether `name` may appear between braces.
    public static func isKnown(_ name: String) -> Bool {
        if fixed.contains(name) { return true }
        for prefix in ["lead.", "feedback."] where name.hasPrefix(prefix) && name.count > prefix.count { return true }
        return false
    }

    /// The names between braces in `template`, in order.
    public static func names(in template: String) -> [String] {
        var result: [String] = []
        var current: String?
        for ch in template {
            if ch == "{" { current = "" } else if ch == "}", let name = current {
                result.append(name)
                current = nil
            } else if current != nil { current!.append(ch) }
        }
        return result
    }
}
