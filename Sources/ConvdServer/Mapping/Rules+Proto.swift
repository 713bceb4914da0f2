import ConvdCore
import ConvdProto

extension RuleOperator {
    private static let wire: [(Convd_V1_RuleOperator, RuleOperator)] = [
        (.equals, .equals), (.notEquals, .notEquals), (.isBlank, .isBlank), (.isNotBlank, .isNotBlank),
        (.includes, .includes), (.doesNotInclude, .doesNotInclude), (.in, .isIn), (.notIn, .isNotIn),
        (.greaterThan, .greaterThan), (.lessThan, .lessThan), (.greaterOrEqual, .greaterOrEqual),
        (.lessOrEqual, .lessOrEqual), (.between, .between), (.matches, .matches), (.isTrue, .isTrue),
        (.isFalse, .isFalse),
    ]

    /// The operator for a wire value; nil for UNSPECIFIED or unknown numbers.
    init?(proto: Convd_V1_RuleOperator) {
        guard let op = Self.wire.first(where: { $0.0 == proto })?.1 else { return nil }
        self = op
    }

    /// The wire value.
    var proto: Convd_V1_RuleOperator { Self.wire.first { $0.1 == self }!.0 }
}

extension RuleSet {
    /// Reads a rule set, collecting a violation for each unknown operator or empty node.
    init(proto: Convd_V1_RuleSet, path: String, violations: inout ViolationCollector) {
        let match: Match = proto.match == .any ? .any : .all
        if case .UNRECOGNIZED(let n) = proto.match { violations.add("\(path).match", "unknown match \(n)") }
        var nodes: [Node] = []
        for (i, node) in proto.nodes.enumerated() {
            let p = "\(path).nodes[\(i)]"
            switch node.node {
            case .rule(let r):
                guard let op = RuleOperator(proto: r.op) else {
                    violations.add("\(p).rule.op", "operator is required (got \(r.op.rawValue))")
                    continue
                }
                nodes.append(.rule(Rule(field: r.field, op: op, values: r.values)))
            case .set(let s):
                nodes.append(.set(RuleSet(proto: s, path: "\(p).set", violations: &violations)))
            case nil:
                violations.add(p, "must hold a rule or a set")
            }
        }
        self.init(match: match, nodes: nodes)
    }

    /// The wire form.
    var proto: Convd_V1_RuleSet {
        var s = Convd_V1_RuleSet()
        s.match = match == .any ? .any : .all
        s.nodes = nodes.map { node in
            var n = Convd_V1_RuleNode()
            switch node {
            case .rule(let r):
                var w = Convd_V1_Rule()
                w.field = r.field
                w.op = r.op.proto
                w.values = r.values
                n.rule = w
            case .set(let inner):
                n.set = inner.proto
            }
            return n
        }
        return s
    }
}

extension ConversionMode {
    /// The mode for a wire value; nil for UNSPECIFIED or unknown numbers.
    init?(proto: Convd_V1_ConversionMode) {
        switch proto {
        case .createNew: self = .createNew
        case .update: self = .update
        case .ignoreDuplicates: self = .ignoreDuplicates
        case .increment: self = .increment
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    /// The wire value.
    var proto: Convd_V1_ConversionMode {
        switch self {
        case .createNew: .createNew
        case .update: .update
        case .ignoreDuplicates: .ignoreDuplicates
        case .increment: .increment
        }
    }
}
