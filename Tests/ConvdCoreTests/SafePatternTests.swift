import ConvdCore
import Testing

/// The linear-time pattern engine: the same answers as a backtracking engine on ordinary
/// patterns, no blow-up on the pathological ones, and a reason for every refusal.
struct SafePatternTests {
    static let agreeing: [(pattern: String, text: String)] = [
        ("^sale", "Sale completed"), ("^sale", "no sale"), ("completed$", "sale completed"), ("completed$", "completed sale"),
        ("a|b", "xbx"), ("^(a|b)+$", "abba"), ("^(a|b)+$", "abca"), ("colou?r", "color"), ("colou?r", "colour"),
        ("^\\d{3}-\\d{4}$", "555-1234"), ("^\\d{3}-\\d{4}$", "555-12345"), ("[A-Z]{2}\\d+", "ab12"), ("[^0-9]", "123"),
        ("[^0-9]", "12a"), ("^\\w+@\\w+\\.com$", "joe@example.com"), ("^\\w+@\\w+\\.com$", "joe@ex ample.com"),
        ("(?:ab){2,3}", "xababx"), ("(?:ab){2,3}", "xabx"), ("^.*$", ""), ("x*", ""), ("^$", ""), ("^$", "a"),
        ("\\s", "a b"), ("\\S+", "   "), ("a.c", "abc"), ("a.c", "ac"), ("[a\\-z]", "-"), ("\\.", "a.b"), ("\\.", "ab"),
        ("^(\\w+\\s?)*$", "hello world"), ("wrong number|duplicate", "Duplicate lead"), ("^a{2}$", "aa"), ("^a{2}$", "aaa"),
        ("^a{2,}$", "aaaa"), ("\\x41", "a"), ("(?<name>ab)c", "abc"),
    ]

    @Test(arguments: agreeing.indices)
    func agreesWithABacktrackingEngine(_ i: Int) throws {
        let (pattern, text) = Self.agreeing[i]
        let safe = try SafePattern(pattern)
        let reference = try Regex(pattern).ignoresCase()
        #expect(safe.matches(text) == ((try reference.firstMatch(in: text)) != nil), "\(pattern) on '\(text)'")
    }

    /// The inputs that stalled the writer under Swift's Regex answer at once here; the step count
    /// is bounded by input × program, so this cannot pass by luck of timing.
    @Test(arguments: ["(a+)+$", "^(a|aa)+$", "^(\\w+\\s?)*$", "(a*)*b", "(x+x+)+y", "^(a?){25}a{25}$"])
    func pathologicalPatternsRunLinearly(_ pattern: String) throws {
        let safe = try SafePattern(pattern)
        let text = String(repeating: "a", count: 40) + "!"
        let long = String(repeating: "a", count: 4_000) + "!"
        #expect(!safe.matches(text))
        #expect(!safe.matches(long))
    }

    @Test(arguments: [
        ("(a)\\1", "backreference"), ("a(?=b)", "lookaround"), ("a(?!b)", "lookaround"), ("(?<=a)b", "lookaround"),
        ("a{1000}", "more than 100"), ("((a{100}){100}){100}", "too complex"), ("(ab", "unclosed"), ("ab)", "unmatched"),
        ("[ab", "unclosed"), ("*a", "nothing to repeat"), ("a{3,1}", "below its minimum"), ("\\q", "unknown escape"),
        ("a++", "possessive"), ("\\bword", "word boundary"), ("[z-a]", "reversed"),
    ])
    func refusalsSayWhy(_ pattern: String, _ words: String) {
        #expect(throws: SafePattern.Problem.self) { try SafePattern(pattern) }
        do { _ = try SafePattern(pattern) } catch { #expect(error.description.contains(words), "\(pattern): \(error)") }
    }

    @Test func recipientPutRefusesLongAndBadPatterns() {
        let long = String(repeating: "a", count: InputBounds.maxPatternLength + 1)
        for pattern in [long, "(a)\\1"] {
            let rules = RuleSet(match: .all, nodes: [.rule(Rule(field: "feedback.reason", op: .matches, values: [pattern]))])
            var v = ViolationCollector()
            RuleSetValidator.check(rules, path: "rules", into: &v)
            #expect(v.violations.map(\.field) == ["rules.nodes[0].rule.values[0]"])
        }
    }
}
