/// A parsed `SafePattern`: the regular-expression tree before it is compiled.
indirect enum PatternNode: Sendable {
    case char(Unicode.Scalar)
    case any
    case set(SafePattern.CharacterSet, negated: Bool)
    case start
    case end
    case concat([PatternNode])
    case alternate([PatternNode])
    case repetition(PatternNode, min: Int, max: Int?)
}
