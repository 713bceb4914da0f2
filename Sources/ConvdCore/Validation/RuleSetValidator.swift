/// Checks a rule set: known fields, the right number of values, numbers and patterns that parse.
public enum RuleSetValidator {
    /// Field prefixes and names a rule may read.
    public static let knownFields: Set<String> = [
        "feedback.type", "feedback.reason", "feedback.amount", "feedback.currency", "feedback.kind",
        "feedback.transaction_id", "feedback.status", "delivery.source", "delivery.recipient",
        "delivery.click_id", "delivery.event_id", "delivery.test",
    ]

    /// Deepest nesting accepted, so a hostile config cannot blow the stack.
    public static let maxDepth = 8

    /// Most pattern steps (compiled `SafePattern` instructions) across one rule set, which bounds
    /// the work any one feedback can cost: steps × `InputBounds.maxMatchedValueLength`.
    public static let maxTotalPatternSteps = 5_000

    /// Adds a violation for every bad rule in `set`, and one when its patterns together are too costly.
    public static func check(_ set: RuleSet, path: String, into v: inout ViolationCollector) {
        var steps = 0
        check(set, path: path, into: &v, steps: &steps, depth: 0)
        if steps > maxTotalPatternSteps {
            v.add(path, "patterns take \(steps) steps in total; at most \(maxTotalPatternSteps) per rule set")
        }
    }

    /// Checks `set` and adds its compiled pattern steps to `steps`, compiling each pattern once.
    static func check(_ set: RuleSet, path: String, into v: inout ViolationCollector, steps: inout Int, depth: Int) {
        if depth >= maxDepth { v.add(path, "nested deeper than \(maxDepth)"); return }
        if set.nodes.count > 200 { v.add(path, "at most 200 rules per set"); return }
        for (i, node) in set.nodes.enumerated() {
            let p = "\(path).nodes[\(i)]"
            switch node {
            case .set(let inner): check(inner, path: "\(p).set", into: &v, steps: &steps, depth: depth + 1)
            case .rule(let rule): check(rule, path: "\(p).rule", into: &v, steps: &steps)
            }
        }
    }

    private static func check(_ rule: Rule, path: String, into v: inout ViolationCollector, steps: inout Int) {
        let field = rule.field
        if field.count > 200 { v.add("\(path).field", "must be at most 200 characters") }
        if rule.values.count > 500 { v.add("\(path).values", "at most 500 values") }
        for (i, value) in rule.values.enumerated() where value.count > 1_000 {
            v.add("\(path).values[\(i)]", "must be at most 1000 characters")
        }
        let custom = field.hasPrefix("lead.") || field.hasPrefix("feedback.")
        if !(knownFields.contains(field) || (custom && field.split(separator: ".", maxSplits: 1).count == 2)) {
            v.add("\(path).field", "unknown field '\(field)' (use feedback.<name>, lead.<name> or delivery.source)")
        }
        switch rule.op.arity {
        case .some(let n) where rule.values.count != n:
            v.add("\(path).values", "'\(rule.op.rawValue)' takes \(n) value\(n == 1 ? "" : "s"), got \(rule.values.count)")
        case .none where rule.values.isEmpty:
            v.add("\(path).values", "'\(rule.op.rawValue)' takes at least one value")
        default: break
        }
        switch rule.op {
        case .greaterThan, .lessThan, .greaterOrEqual, .lessOrEqual, .between:
            for (i, value) in rule.values.enumerated() where Double(value.trimmingSpaces) == nil {
                v.add("\(path).values[\(i)]", "'\(value)' is not a number")
            }
        case .matches:
            if let pattern = rule.values.first {
                if pattern.count > InputBounds.maxPatternLength {
                    v.add("\(path).values[0]", "pattern is \(pattern.count) characters; at most \(InputBounds.maxPatternLength)")
                } else {
                    do throws(SafePattern.Problem) { steps += try SafePattern(pattern).program.count } catch {
                        v.add("\(path).values[0]", "pattern '\(pattern)' \(error.description)")
                    }
                }
            }
        default: break
        }
    }
}
