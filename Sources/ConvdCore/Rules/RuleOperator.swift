/// A rule comparison with the usual lead-platform meaning.
public enum RuleOperator: String, Sendable, Codable, CaseIterable {
    /// The field equals one value.
    case equals = "is equal to"
    /// The field differs from the value.
    case notEquals = "is not equal to"
    /// The field is missing or empty.
    case isBlank = "is blank"
    /// The field has a value.
    case isNotBlank = "is not blank"
    /// The field contains the value as a substring (case-insensitive).
    case includes = "includes"
    /// The field does not contain the value.
    case doesNotInclude = "does not include"
    /// The field equals one of the values.
    case isIn = "is included in"
    /// The field equals none of the values.
    case isNotIn = "is not included in"
    /// The field, as a number, is greater than the value.
    case greaterThan = "is greater than"
    /// The field, as a number, is less than the value.
    case lessThan = "is less than"
    /// The field, as a number, is at least the value.
    case greaterOrEqual = "is greater than or equal to"
    /// The field, as a number, is at most the value.
    case lessOrEqual = "is less than or equal to"
    /// The field, as a number, lies between the two values (inclusive).
    case between = "is between"
    /// The field matches a safe pattern (linear-time; no backreferences).
    case matches = "matches pattern"
    /// The field reads as true (true, yes, 1, on).
    case isTrue = "is true"
    /// The field reads as false (false, no, 0, off).
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
