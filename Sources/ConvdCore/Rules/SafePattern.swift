/// A `matches pattern` rule's regular expression, compiled to a Thompson NFA and run as a Pike VM:
/// time is linear in the input (input × program size), never exponential, whatever the pattern.
/// Swift's `Regex` backtracks, so `(a+)+$` against 'a'×40 + 'b' runs for hours; here it is a few
/// thousand steps. No package in reach offers a linear engine (RE2-style), hence this one.
///
/// Syntax: literals and `\`-escapes, `.`, classes `[a-z]`/`[^…]`, `\d \w \s \D \W \S`, anchors
/// `^ $`, groups `(…)` and `(?:…)`, `|`, and the quantifiers `* + ? {n} {n,} {n,m}` (lazy forms
/// accepted; a boolean match does not care). Backreferences and lookaround are refused: they
/// cannot run in linear time. Matching is case-insensitive and unanchored unless `^`/`$` say so.
public struct SafePattern: Sendable {
    /// Most instructions a compiled pattern may have, which bounds the per-character cost.
    public static let maxProgramSize = 1_000
    /// Largest count in `{n,m}`.
    public static let maxRepeat = 100

    enum Instruction: Sendable {
        case char(Unicode.Scalar)
        case any
        case set(CharacterSet, negated: Bool)
        case split(Int, Int)
        case jump(Int)
        case lineStart
        case lineEnd
        case match
    }

    /// A class of characters: ranges and named classes.
    struct CharacterSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        var named: [Character] = []  // d w s D W S

        func contains(_ c: Unicode.Scalar) -> Bool {
            if ranges.contains(where: { $0.contains(c.value) }) { return true }
            return named.contains { SafePattern.named($0, c) }
        }
    }

    let program: [Instruction]

    /// Compiles `pattern`. - Throws: `SafePattern.Problem` saying what is wrong, in words.
    public init(_ pattern: String) throws(Problem) {
        var parser = PatternParser(Array(pattern.unicodeScalars))
        let node = try parser.parse()
        var compiler = PatternCompiler()
        try compiler.emit(node)
        compiler.program.append(.match)
        guard compiler.program.count <= Self.maxProgramSize else {
            throw Problem("is too complex (\(compiler.program.count) steps; at most \(Self.maxProgramSize))")
        }
        program = compiler.program
    }

    /// Why a pattern was refused.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// What is wrong, e.g. "backreferences are not supported".
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Whether the pattern matches anywhere in `text` (case-insensitive).
    public func matches(_ text: String) -> Bool {
        let input = Array(text.lowercased().unicodeScalars)
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        for position in 0...input.count {
            // Unanchored: a new thread starts at every position.
            if add(0, at: position, input: input, to: &current) { return true }
            if position == input.count { break }
            let c = input[position]
            next.clear()
            for pc in current.items {
                let advances: Bool
                switch program[pc] {
                case .char(let want): advances = want == c || Self.swappedCase(c) == want
                case .any: advances = c != "\n"
                case .set(let set, let negated):
                    advances = (set.contains(c) || Self.swappedCase(c).map(set.contains) == true) != negated
                default: advances = false
                }
                if advances, add(pc + 1, at: position + 1, input: input, to: &next) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Follows the epsilon moves from `pc`; true when it reaches `match`.
    private func add(_ start: Int, at position: Int, input: [Unicode.Scalar], to list: inout ThreadList) -> Bool {
        var stack = [start]
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .jump(let to): stack.append(to)
            case .split(let a, let b): stack.append(b); stack.append(a)
            case .lineStart: if position == 0 { stack.append(pc + 1) }
            case .lineEnd: if position == input.count { stack.append(pc + 1) }
            default: break
            }
        }
        return false
    }

    static func named(_ name: Character, _ c: Unicode.Scalar) -> Bool {
        switch name {
        case "d": return c.value >= 0x30 && c.value <= 0x39
        case "D": return !(c.value >= 0x30 && c.value <= 0x39)
        case "w": return c.properties.isAlphabetic || c.properties.numericType != nil || c == "_"
        case "W": return !(c.properties.isAlphabetic || c.properties.numericType != nil || c == "_")
        case "s": return c.properties.isWhitespace
        case "S": return !c.properties.isWhitespace
        default: return false
        }
    }

    /// The upper-case twin of an ASCII letter, so `[A-Z]` matches lower-cased input.
    static func swappedCase(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        c.value >= 0x61 && c.value <= 0x7A ? Unicode.Scalar(c.value - 0x20) : nil
    }
}
