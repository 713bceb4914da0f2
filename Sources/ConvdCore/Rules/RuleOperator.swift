/// A rule comparison with the usual lead-platform meaning.
public enum RuleOperator: String, Sendable, Codable, CaseIterable {
    case equals = "is equal to"
    case notEquals = "is not equal to"
    case isBlank = "is blank"
    case isNotBlank = "is not blank"
    case includes = "includes"
    case doesNotInclude = "does not include"
    case isIn = "is included in"
    case isNotIn = "is not included in"
    case greaterThan = "is greater than"
    case lessThan = "is less than"
    case greaterOrEqual = "is greater than or equal to"
    case lessOrEqual = "is less than or equal to"
    case between = "is between"
    case matches = "matches pattern"
    case isTrue = "is true"
    case isFalse = "is false"

    /// How many values the operator takes: exactly this many, or nil for "one or more".
    public var arity: Int? {
        switch self {
        case .isBlank, .isNotBlank, .isTrue, .isFalse: return 0
        case .isIn, .isNotIn: return nil
        case .between: return 2
        default: return 1
        }
    }
}
