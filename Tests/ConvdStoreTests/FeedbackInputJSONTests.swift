@testable import ConvdStore
import ConvdCore
import ConvdTestSupport
import Testing

/// The hand-written event JSON must be exactly what JSONEncoder wrote before it: stored inputs are
/// compared and shown as text, so the same feedback must keep storing as the same bytes.
@Suite struct FeedbackInputJSONTests {
    /// Strings that exercise every escape JSONEncoder makes, and multi-byte UTF-8.
    static let awkward: [String] = [
        "", "Lead", "a/b", "quote\"d", "back\\slash", "tab\there", "line\nbreak", "cr\rlf", "\u{8}\u{c}",
        "\u{0}\u{1}\u{1f}\u{7f}", "é", "日本", "🦊 emoji", "\u{2028}\u{2029}", "ç/\\\"\u{10}",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }),
    ]

    static func inputs() -> [FeedbackInput] {
        var generator = SeededGenerator(seed: 12)
        var all: [FeedbackInput] = []
        for i in 0..<3_000 {
            func pick() -> String { awkward.randomElement(using: &generator)! }
            let target: FeedbackInput.Target = i % 2 == 0 ? .eventID(pick()) : .click(clickID: pick(), recipientID: pick())
            var fields: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &generator) { fields[pick() + String(i % 7)] = pick() }
            let amount: Money? = i % 3 == 0 ? nil
                : Money(amountMinor: [0, 1, -5, 1_000, .max, .min][i % 6], currency: i % 5 == 0 ? pick() : "EUR")
            all.append(FeedbackInput(
                target: target, kind: i % 4 == 0 ? .return : .conversion, conversionType: pick(), reason: pick(),
                amount: amount, fields: fields, transactionID: pick(),
                status: ConversionStatus.allCases[i % ConversionStatus.allCases.count],
                occurredAtMs: [0, 1, 1_700_000_000_000, .max, -1][i % 5]))
        }
        return all
    }

    @Test func everyInputEncodesToJSONEncodersExactBytes() throws {
        var mismatches: [String] = []
        for input in Self.inputs() {
            let expected = try JSONColumn.encode(["feedback": input])
            let written = FeedbackInputJSON.encode(input)
            if written != expected && mismatches.count < 3 { mismatches.append("expected \(expected)\n     got \(written)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test func whatItWritesDecodesBackToTheSameInput() throws {
        for input in Self.inputs().prefix(500) {
            let decoded = try JSONColumn.decode([String: FeedbackInput].self, from: FeedbackInputJSON.encode(input))["feedback"]
            #expect(decoded == input)
        }
    }
}
