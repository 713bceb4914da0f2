
/// Recursive-descent parser for the `SafePattern` syntax. Anything that cannot run in linear time
/// (backreferences, lookaround) or that it does not know is refused with a reason, never guessed.
struct PatternParser {
    private let s: [Unicode.Scalar]
    private var i = 0
    private var depth = 0

    init(_ scalars: [Unicode.Scalar]) { s = scalars }

    mutating func parse() throws(SafePattern.Problem) -> PatternNode {
        let node = try alternation()
        if i < s.count { throw .init("has an unmatched ')' at position \(i + 1)") }
        return node
    }

    private var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

    private mutating func alternation() throws(SafePattern.Problem) -> PatternNode {
        depth += 1
        defer { depth -= 1 }
        if depth > 32 { throw .init("nests groups deeper than 32") }
        var branches = [try concatenation()]
        while peek == "|" {
            i += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    private mutating func concatenation() throws(SafePattern.Problem) -> PatternNode {
        var items: [PatternNode] = []
        while let c = peek, c != "|", c != ")" {
            items.append(try repetition())
        }
        return .concat(items)
    }

    private mutating func repetition() throws(SafePattern.Problem) -> PatternNode {
        var node = try atom()
        while let c = peek {
            let bounds: (Int, Int?)
            switch c {
            case "*": bounds = (0, nil); i += 1
            case "+": bounds = (1, nil); i += 1
            case "?": bounds = (0, 1); i += 1
            case "{":
                guard let counted = try braces() else { return node }
                bounds = counted
            default: return node
            }
            if peek == "?" { i += 1 }  // lazy: the same for a yes/no match
            else if peek == "+" { throw .init("uses a possessive quantifier at position \(i + 1), which is not supported") }
            node = .repetition(node, min: bounds.0, max: bounds.1)
        }
        return node
    }

    /// `{n}`, `{n,}` or `{n,m}`; nil (and nothing consumed) when the brace is a literal.
    private mutating func braces() throws(SafePattern.Problem) -> (Int, Int?)? {
        var j = i + 1
        func number() -> Int? {
            var value = 0, digits = 0
            while j < s.count, s[j].value >= 0x30, s[j].value <= 0x39 {
                value = min(value * 10 + Int(truncatingIfNeeded: s[j].value &- 0x30), 1_000_000)
                digits += 1
                j += 1
            }
            return digits > 0 ? value : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if j < s.count, s[j] == "," {
            j += 1
            high = number()
        }
        guard j < s.count, s[j] == "}" else { return nil }
        i = j + 1
        if let high, high < low { throw .init("has a repetition {\(low),\(high)} whose maximum is below its minimum") }
        if low > SafePattern.maxRepeat || (high ?? 0) > SafePattern.maxRepeat {
            throw .init("repeats more than \(SafePattern.maxRepeat) times")
        }
        return (low, high)
    }

    private mutating func atom() throws(SafePattern.Problem) -> PatternNode {
        guard let c = peek else { throw .init("ends unexpectedly") }
        i += 1
        switch c {
        case "(":
            if peek == "?" {
                i += 1
                switch peek {
                case ":": i += 1
                case "<" where i + 1 < s.count && s[i + 1] != "=" && s[i + 1] != "!":
                    while let n = peek, n != ">" { i += 1 }  // a named group: the name does not matter
                    i += 1
                default: throw .init("uses lookaround or a group option at position \(i), which is not supported")
                }
            }
            let inner = try alternation()
            guard peek == ")" else { throw .init("has an unclosed '('") }
            i += 1
            return inner
        case "[": return try characterClass()
        case ".": return .any
        case "^": return .start
        case "$": return .end
        case "\\": return try escape(inClass: false)
        case "*", "+", "?": throw .init("has nothing to repeat before '\(c)' at position \(i)")
        default: return .char(Self.lowered(c))
        }
    }

    private mutating func escape(inClass: Bool) throws(SafePattern.Problem) -> PatternNode {
        guard let c = peek else { throw .init("ends with a lone '\\'") }
        i += 1
        switch c {
        case "d", "w", "s", "D", "W", "S":
            return .set(SafePattern.CharacterSet(named: [Character(c)]), negated: false)
        case "n": return .char("\n")
        case "t": return .char("\t")
        case "r": return .char("\r")
        case "f": return .char("\u{0C}")
        case "v": return .char("\u{0B}")
        case "0": return .char("\0")
        case "A" where !inClass: return .start
        case "z" where !inClass, "Z" where !inClass: return .end
        case "x":
            var value: UInt32 = 0
            for _ in 0..<2 {
                guard let h = peek, let digit = Self.hexValue(h) else { throw .init("has a bad \\x escape (use \\xHH)") }
                value = value * 16 + digit
                i += 1
            }
            return .char(Self.lowered(Unicode.Scalar(UInt8(truncatingIfNeeded: value))))
        case "1"..."9": throw .init("uses a backreference (\\\(c)), which cannot run in linear time")
        case "b", "B": throw .init("uses a word boundary (\\\(c)), which is not supported")
        default:
            if c.properties.isAlphabetic || c.properties.numericType != nil { throw .init("uses an unknown escape \\\(c)") }
            return .char(Self.lowered(c))
        }
    }

    /// The input is lower-cased before matching, so literals are too (when that keeps one scalar).
    static func lowered(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let lower = c.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : c
    }

    private static func hexValue(_ h: Unicode.Scalar) -> UInt32? {
        switch h.value {
        case 0x30...0x39: h.value - 0x30
        case 0x61...0x66: h.value - 0x61 + 10
        default: nil
        }
    }

    private mutating func characterClass() throws(SafePattern.Problem) -> PatternNode {
        var set = SafePattern.CharacterSet()
        var negated = false
        if peek == "^" { negated = true; i += 1 }
        var first = true
        while true {
            guard let c = peek else { throw .init("has an unclosed '['") }
            if c == "]" && !first { i += 1; break }
            first = false
            if c == "[" && i + 1 < s.count && s[i + 1] == ":" { throw .init("uses a POSIX class [: :], which is not supported") }
            i += 1
            var low: Unicode.Scalar = c
            if c == "\\" {
                switch try escape(inClass: true) {
                case .char(let e): low = e
                case .set(let named, _): set.named += named.named; continue
                default: continue
                }
            }
            if peek == "-", i + 1 < s.count, s[i + 1] != "]" {
                i += 1
                var high = s[i]
                i += 1
                if high == "\\" {
                    guard case .char(let e) = try escape(inClass: true) else { throw .init("has a class range ending in a class") }
                    high = e
                }
                guard low.value <= high.value else { throw .init("has a reversed range \(low)-\(high)") }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        return .set(set, negated: negated)
    }
}

extension SafePattern.CharacterSet {
    init(named: [Character]) { self.named = named }
}
