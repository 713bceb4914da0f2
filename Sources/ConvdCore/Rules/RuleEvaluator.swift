/// Evaluates rule sets against feedback and the lead, and explains the first rule that fails.
public enum RuleEvaluator {
    /// Reads a field's value: nil when absent.
    public typealias FieldLookup = (String) -> String?

    /// Nil when `set` holds; otherwise the failing rule in words, e.g.
    /// `feedback.reason is "Maybe later", which is not included in [Sale Completed, Appointment Scheduled]`.
    public static func firstFailure(of set: RuleSet, lookup: FieldLookup) -> String? {
        switch set.match {
        case .all:
            for node in set.nodes {
                if let failure = failure(of: node, lookup: lookup) { return failure }
            }
            return nil
        case .any:
            guard !set.nodes.isEmpty else { return nil }
            var failures: [String] = []
            for node in set.nodes {
                guard let failure = failure(of: node, lookup: lookup) else { return nil }
                failures.append(failure)
            }
            return "none of these holds: " + failures.joined(separator: "; ")
        }
    }

    private static func failure(of node: RuleSet.Node, lookup: FieldLookup) -> String? {
        switch node {
        case .set(let inner): return firstFailure(of: inner, lookup: lookup)
        case .rule(let rule):
            let value = lookup(rule.field)
            return holds(rule, value: value) ? nil : explain(rule, value: value)
        }
    }

    /// Whether `rule` holds for a field whose value is `value` (nil: absent).
    public static func holds(_ rule: Rule, value: String?) -> Bool {
        let text = (value ?? "").trimmingSpaces
        let values = rule.values.map(\.trimmingSpaces)
        switch rule.op {
        case .isBlank: return text.isEmpty
        case .isNotBlank: return !text.isEmpty
        case .equals: return values.first.map { equal(text, $0) } ?? false
        case .notEquals: return !(values.first.map { equal(text, $0) } ?? false)
        case .includes: return values.first.map { text.lowercased().contains($0.lowercased()) } ?? false
        case .doesNotInclude: return !(values.first.map { text.lowercased().contains($0.lowercased()) } ?? false)
        case .isIn: return values.contains { equal(text, $0) }
        case .isNotIn: return !values.contains { equal(text, $0) }
        case .greaterThan: return compare(text, values.first) { $0 > $1 }
        case .lessThan: return compare(text, values.first) { $0 < $1 }
        case .greaterOrEqual: return compare(text, values.first) { $0 >= $1 }
        case .lessOrEqual: return compare(text, values.first) { $0 <= $1 }
        case .between:
            guard values.count == 2, let n = Double(text), let a = Double(values[0]), let b = Double(values[1]) else { return false }
            return min(a, b) <= n && n <= max(a, b)
        case .matches:
            // Linear-time matching over a bounded prefix: a rule can never stall the writer.
            guard let pattern = rule.values.first, let compiled = try? SafePattern(pattern) else { return false }
            return compiled.matches(String(text.prefix(InputBounds.maxMatchedValueLength)))
        case .isTrue: return truthy.contains(text.lowercased())
        case .isFalse: return !truthy.contains(text.lowercased())
        }
    }

    private static let truthy: Set<String> = ["true", "yes", "y", "1", "on"]

    /// Numbers compare as numbers (so "10" equals "10.0"); anything else as case-insensitive text.
    private static func equal(_ a: String, _ b: String) -> Bool {
        if let x = Double(a), let y = Double(b) { return x == y }
        return a.lowercased() == b.lowercased()
    }

    /// A blank or non-numeric field never satisfies a numeric comparison.
    private static func compare(_ text: String, _ operand: String?, _ op: (Double, Double) -> Bool) -> Bool {
        guard let operand, let a = Double(text), let b = Double(operand) else { return false }
        return op(a, b)
    }

    private static func explain(_ rule: Rule, value: String?) -> String {
        let shown = value.map { $0.trimmingSpaces.isEmpty ? "blank" : "\"\($0)\"" } ?? "missing"
        let operand: String
        switch rule.op.arity {
        case 0?: operand = ""
        case 2?: operand = " " + rule.values.joined(separator: " and ")
        case nil: operand = " [" + rule.values.joined(separator: ", ") + "]"
        default: operand = " " + (rule.values.first ?? "")
        }
        return "\(rule.field) is \(shown), which fails \"\(rule.op.rawValue)\(operand)\""
    }
}
