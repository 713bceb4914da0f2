/// Checks a source before it is stored, naming every bad field.
public enum SourceValidator {
    /// Validates `source`; `path` prefixes field names.
    /// - Throws: `ConvdError.invalidArgument` listing every violation.
    public static func validate(_ source: Source, path: String = "source") throws(ConvdError) {
        var v = ViolationCollector()
        if let problem = Slug.problem(source.id) { v.add("\(path).id", problem) }
        if source.name.count > RecipientValidator.maxNameLength {
            v.add("\(path).name", "must be at most \(RecipientValidator.maxNameLength) characters")
        }
        LabelsValidator.check(source.labels, path: "\(path).labels", into: &v)
        if let f = source.forwarding { check(f, path: "\(path).forwarding", into: &v) }
        switch source.returnCap {
        case .count(0): v.add("\(path).return_cap.max_count", "must be at least 1")
        case .shareBasisPoints(let bps) where bps == 0 || bps > 10_000:
            v.add("\(path).return_cap.max_share_bps", "must be 1 to 10000 (basis points)")
        default: break
        }
        if let c = source.leadCost {
            if let d = c.defaultCost { InputBounds.checkAmount(d, field: "\(path).lead_cost.default_cost", into: &v) }
            if c.byRecipient.count > InputBounds.maxMapFields {
                v.add("\(path).lead_cost.by_recipient", "at most \(InputBounds.maxMapFields) recipients, got \(c.byRecipient.count)")
            }
            for (recipient, cost) in c.byRecipient.sorted(by: { $0.key < $1.key }) {
                if let problem = Slug.problem(recipient) { v.add("\(path).lead_cost.by_recipient[\(recipient.prefix(64))]", problem) }
                InputBounds.checkAmount(cost, field: "\(path).lead_cost.by_recipient[\(recipient.prefix(64))]", into: &v)
            }
        }
        try v.throwIfAny()
    }

    private static func check(_ f: ForwardingSettings, path: String, into v: inout ViolationCollector) {
        if let problem = urlProblem(f.url) { v.add("\(path).url", problem) }
        if f.url.utf8.count > 4_096 { v.add("\(path).url", "must be at most 4096 bytes") }
        InputBounds.checkMap(f.fieldMapping, field: "\(path).field_mapping", into: &v)
        InputBounds.checkMap(f.headers, field: "\(path).headers", into: &v)
        if f.successBodyContains.utf8.count > 1_024 { v.add("\(path).success_body_contains", "must be at most 1024 bytes") }
        if f.timeoutMs > 120_000 { v.add("\(path).timeout_ms", "must be at most 120000") }
        if f.maxAttempts > 100 { v.add("\(path).max_attempts", "must be at most 100") }
        if !(f.conversions || f.returns || f.adjustments) {
            v.add(path, "forwards nothing: enable conversions, returns or adjustments")
        }
        for (name, template) in f.fieldMapping.sorted(by: { $0.key < $1.key }) {
            if name.trimmingSpaces.isEmpty { v.add("\(path).field_mapping", "output names must not be blank") }
            for p in Placeholder.names(in: template) where !Placeholder.isKnown(p) {
                v.add("\(path).field_mapping[\(name)]", "unknown placeholder {\(p)}")
            }
        }
        if f.format == .get {
            for p in Placeholder.names(in: f.url) where !Placeholder.isKnown(p) {
                v.add("\(path).url", "unknown placeholder {\(p)}")
            }
        }
        for name in f.headers.keys.sorted() where !isHeaderName(name) {
            v.add("\(path).headers[\(name)]", "'\(name)' is not a valid header name")
        }
    }

    private static func urlProblem(_ url: String) -> String? {
        let lower = url.lowercased()
        guard let schemeEnd = lower.firstRange(of: "://") else { return "'\(url)' is not an http or https URL" }
        let scheme = lower[..<schemeEnd.lowerBound]
        guard scheme == "http" || scheme == "https" else { return "scheme '\(scheme)' is not http or https" }
        let rest = lower[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if host.isEmpty { return "'\(url)' has no host" }
        if url.contains(where: { $0 == " " || $0 == "\n" }) { return "'\(url)' contains white space" }
        return nil
    }

    private static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }
    }
}
