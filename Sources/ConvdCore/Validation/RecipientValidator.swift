/// Checks a recipient before it is stored, naming every bad field.
public enum RecipientValidator {
    /// Longest accepted display name.
    public static let maxNameLength = 200

    /// Validates `recipient`; `path` prefixes field names (e.g. `recipient`).
    /// - Throws: `ConvdError.invalidArgument` listing every violation.
    public static func validate(_ recipient: Recipient, path: String = "recipient") throws(ConvdError) {
        var v = ViolationCollector()
        if let problem = Slug.problem(recipient.id) { v.add("\(path).id", problem) }
        if recipient.name.count > maxNameLength { v.add("\(path).name", "must be at most \(maxNameLength) characters") }
        LabelsValidator.check(recipient.labels, path: "\(path).labels", into: &v)
        check(recipient.feedback, path: "\(path).feedback", into: &v)
        try v.throwIfAny()
    }

    private static func check(_ s: FeedbackSettings, path: String, into v: inout ViolationCollector) {
        var seen = Set<String>()
        for (i, t) in s.conversionTypes.enumerated() {
            let p = "\(path).conversion_types[\(i)]"
            let name = t.name.trimmingSpaces
            if name.isEmpty { v.add("\(p).name", "is required") }
            if name.count > 100 { v.add("\(p).name", "must be at most 100 characters") }
            if !seen.insert(name.lowercased()).inserted { v.add("\(p).name", "'\(t.name)' is listed twice") }
            if t.duplicateWindowSeconds > 10 * 366 * 86_400 {
                v.add("\(p).duplicate_window_seconds", "must be at most ten years (\(10 * 366 * 86_400) s)")
            }
            if t.duplicateWindowSeconds != 0 && t.mode != .ignoreDuplicates {
                v.add("\(p).duplicate_window_seconds", "applies only to IGNORE_DUPLICATES")
            }
        }
        if s.conversionTypes.count > 200 { v.add("\(path).conversion_types", "at most 200 types") }
        if s.returnWindowDays > 3660 { v.add("\(path).return_window_days", "must be at most 3660 days") }
        if s.allowedReturnReasons.count > 200 { v.add("\(path).allowed_return_reasons", "at most 200 reasons") }
        for (i, reason) in s.allowedReturnReasons.enumerated() {
            if reason.trimmingSpaces.isEmpty { v.add("\(path).allowed_return_reasons[\(i)]", "must not be blank") }
            if reason.count > InputBounds.maxReasonLength {
                v.add("\(path).allowed_return_reasons[\(i)]", "must be at most \(InputBounds.maxReasonLength) characters")
            }
        }
        if s.defaultMode == nil && s.conversionTypes.isEmpty && s.receiveConversions {
            v.add("\(path).conversion_types", "strict types need at least one conversion type")
        }
        if let rules = s.rules { RuleSetValidator.check(rules, path: "\(path).rules", into: &v) }
    }
}

extension String {
    /// The string without leading and trailing white space, without Foundation.
    package var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
