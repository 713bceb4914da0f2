import ConvdCore
import Testing

/// Every operator, table-driven: text case-insensitive, numbers as numbers (also when given as
/// text), blank and missing fields.
struct RuleOperatorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var op: RuleOperator
        var values: [String]
        var field: String?
        var holds: Bool
        var testDescription: String { "\(field.map { "\"\($0)\"" } ?? "missing") \(op.rawValue) \(values) → \(holds)" }
    }

    static let cases: [Case] = [
        .init(op: .equals, values: ["Sale"], field: "sale", holds: true),
        .init(op: .equals, values: ["Sale"], field: "Sales", holds: false),
        .init(op: .equals, values: ["10"], field: "10.0", holds: true),
        .init(op: .equals, values: ["x"], field: nil, holds: false),
        .init(op: .notEquals, values: ["Sale"], field: "SALE", holds: false),
        .init(op: .notEquals, values: ["Sale"], field: nil, holds: true),
        .init(op: .isBlank, values: [], field: nil, holds: true),
        .init(op: .isBlank, values: [], field: "   ", holds: true),
        .init(op: .isBlank, values: [], field: "x", holds: false),
        .init(op: .isNotBlank, values: [], field: "x", holds: true),
        .init(op: .isNotBlank, values: [], field: "", holds: false),
        .init(op: .includes, values: ["call"], field: "Sales CALL booked", holds: true),
        .init(op: .includes, values: ["call"], field: nil, holds: false),
        .init(op: .doesNotInclude, values: ["spam"], field: "good lead", holds: true),
        .init(op: .doesNotInclude, values: ["spam"], field: "SPAM!", holds: false),
        .init(op: .isIn, values: ["Sale Completed", "Appointment Scheduled"], field: "appointment scheduled", holds: true),
        .init(op: .isIn, values: ["Sale Completed", "Appointment Scheduled"], field: "Maybe later", holds: false),
        .init(op: .isIn, values: ["1", "2"], field: "2.00", holds: true),
        .init(op: .isNotIn, values: ["CA", "NY"], field: "tx", holds: true),
        .init(op: .isNotIn, values: ["CA", "NY"], field: "ny", holds: false),
        .init(op: .greaterThan, values: ["100"], field: "100.5", holds: true),
        .init(op: .greaterThan, values: ["100"], field: "100", holds: false),
        .init(op: .greaterThan, values: ["9"], field: "10", holds: true),  // as numbers, not as text ("10" < "9")
        .init(op: .greaterThan, values: ["9"], field: "ten", holds: false),
        .init(op: .greaterThan, values: ["0"], field: nil, holds: false),
        .init(op: .lessThan, values: ["18"], field: "17", holds: true),
        .init(op: .lessThan, values: ["18"], field: "", holds: false),
        .init(op: .greaterOrEqual, values: ["18"], field: "18", holds: true),
        .init(op: .greaterOrEqual, values: ["18"], field: "17.99", holds: false),
        .init(op: .lessOrEqual, values: ["-5"], field: "-5", holds: true),
        .init(op: .lessOrEqual, values: ["-5"], field: "-4", holds: false),
        .init(op: .between, values: ["10", "20"], field: "10", holds: true),
        .init(op: .between, values: ["10", "20"], field: "20", holds: true),
        .init(op: .between, values: ["20", "10"], field: "15", holds: true),
        .init(op: .between, values: ["10", "20"], field: "20.01", holds: false),
        .init(op: .between, values: ["10", "20"], field: nil, holds: false),
        .init(op: .matches, values: ["^\\d{5}$"], field: "90210", holds: true),
        .init(op: .matches, values: ["^\\d{5}$"], field: "9021", holds: false),
        .init(op: .matches, values: ["gmail\\.com$"], field: "A@GMAIL.COM", holds: true),
        .init(op: .isTrue, values: [], field: "Yes", holds: true),
        .init(op: .isTrue, values: [], field: "1", holds: true),
        .init(op: .isTrue, values: [], field: "no", holds: false),
        .init(op: .isTrue, values: [], field: nil, holds: false),
        .init(op: .isFalse, values: [], field: "FALSE", holds: true),
        .init(op: .isFalse, values: [], field: nil, holds: true),
        .init(op: .isFalse, values: [], field: "on", holds: false),
    ]

    @Test(arguments: cases)
    func operatorHolds(_ c: Case) {
        #expect(RuleEvaluator.holds(Rule(field: "f", op: c.op, values: c.values), value: c.field) == c.holds)
    }

    @Test func everyOperatorHasACase() {
        #expect(Set(Self.cases.map(\.op)) == Set(RuleOperator.allCases))
    }

    @Test func nestedSetsAndExplanations() {
        let lead = ["state": "CA", "age": "42"]
        let lookup: RuleEvaluator.FieldLookup = { field in
            switch field {
            case "feedback.reason": "Maybe later"
            default: field.hasPrefix("lead.") ? lead[String(field.dropFirst(5))] : nil
            }
        }
        let reasonRule = RuleSet.Node.rule(Rule(field: "feedback.reason", op: .isIn, values: ["Sale Completed", "Appointment Scheduled"]))
        let all = RuleSet(match: .all, nodes: [.rule(Rule(field: "lead.state", op: .equals, values: ["ca"])), reasonRule])
        #expect(RuleEvaluator.firstFailure(of: all, lookup: lookup)
            == "feedback.reason is \"Maybe later\", which fails \"is included in [Sale Completed, Appointment Scheduled]\"")
        let any = RuleSet(match: .any, nodes: [reasonRule, .set(RuleSet(match: .all, nodes: [
            .rule(Rule(field: "lead.age", op: .between, values: ["18", "65"])),
            .rule(Rule(field: "lead.phone", op: .isBlank)),
        ]))])
        #expect(RuleEvaluator.firstFailure(of: any, lookup: lookup) == nil)
        let none = RuleSet(match: .any, nodes: [reasonRule, .rule(Rule(field: "lead.email", op: .isNotBlank))])
        #expect(RuleEvaluator.firstFailure(of: none, lookup: lookup)?.contains("lead.email is missing, which fails \"is not blank\"") == true)
        #expect(RuleEvaluator.firstFailure(of: RuleSet(match: .all, nodes: []), lookup: lookup) == nil)
    }
}
