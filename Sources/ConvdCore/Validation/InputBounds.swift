/// The ranges convd accepts for numbers and sizes that come from the wire, in one place, so every
/// entry point checks the same limits and PROTOCOL.md can document them once.
public enum InputBounds {
    /// Largest amount accepted in one field, in minor units: 10^15 (ten trillion euros in cents).
    /// Well below Int64.max, so a handful of maximal amounts cannot overflow a sum, and sums that
    /// would are still refused by `Money.adding(_:)`.
    public static let maxAmountMinor: Int64 = 1_000_000_000_000_000
    /// Earliest time accepted on the wire: 2000-01-01T00:00:00Z, in Unix ms.
    public static let earliestTimeMs: Int64 = 946_684_800_000
    /// Latest time accepted on the wire (exclusive): 2100-01-01T00:00:00Z, in Unix ms.
    public static let latestTimeMs: Int64 = 4_102_444_800_000
    /// Longest `matches pattern` accepted at Recipient Put, in characters.
    public static let maxPatternLength = 256
    /// Longest value a rule compares against a pattern; longer input is cut to this before matching.
    public static let maxMatchedValueLength = 1_024
    /// Longest reason text.
    public static let maxReasonLength = 500
    /// Longest transaction ID.
    public static let maxTransactionIDLength = 200
    /// Most fields in a feedback's or a lead's map.
    public static let maxMapFields = 200
    /// Longest key in a feedback's or a lead's map.
    public static let maxMapKeyLength = 128
    /// Longest value in a feedback's or a lead's map.
    public static let maxMapValueLength = 4_096
    /// Longest idempotency key.
    public static let maxIdempotencyKeyLength = 200

    /// Adds a violation when `ms` is not a sane time (0 means "now" where `zeroMeansNow`).
    public static func checkTime(_ ms: Int64, field: String, zeroMeansNow: Bool = true, into v: inout ViolationCollector) {
        if ms == 0 && zeroMeansNow { return }
        if ms < earliestTimeMs || ms >= latestTimeMs {
            v.add(field, "\(ms) is outside the accepted times (Unix ms from \(earliestTimeMs), 2000-01-01, to before \(latestTimeMs), 2100-01-01)")
        }
    }

    /// Adds a violation when a time filter bound is negative or beyond the accepted times (0: unbounded).
    public static func checkTimeBound(_ ms: Int64, field: String, into v: inout ViolationCollector) {
        if ms < 0 || ms > latestTimeMs {
            v.add(field, "\(ms) is outside 0 (unbounded) to \(latestTimeMs) (2100-01-01)")
        }
    }

    /// Adds a violation when `amount` is negative, too large or in a bad currency.
    public static func checkAmount(_ amount: Money, field: String, into v: inout ViolationCollector) {
        if let problem = Money.currencyProblem(amount.currency) { v.add("\(field).currency", problem) }
        if amount.amountMinor < 0 {
            v.add("\(field).amount_minor", "must not be negative, got \(amount.amountMinor)")
        } else if amount.amountMinor > maxAmountMinor {
            v.add("\(field).amount_minor", "must be at most \(maxAmountMinor) minor units, got \(amount.amountMinor)")
        }
    }

    /// Adds violations for a string map over the size limits.
    public static func checkMap(_ map: [String: String], field: String, into v: inout ViolationCollector) {
        if map.count > maxMapFields { v.add(field, "at most \(maxMapFields) fields, got \(map.count)") }
        for (key, value) in map {
            if key.utf8.count > maxMapKeyLength { v.add("\(field)[\(key.prefix(32))…]", "key longer than \(maxMapKeyLength) bytes") }
            if value.utf8.count > maxMapValueLength {
                v.add("\(field)[\(key.prefix(64))]", "value longer than \(maxMapValueLength) bytes")
            }
        }
    }

    /// A wire uint64 as Int64. - Throws: `invalidArgument` naming `field` when it does not fit.
    public static func int64(_ value: UInt64, field: String) throws(ConvdError) -> Int64 {
        guard let n = Int64(exactly: value) else {
            throw .invalid(field: field, "\(value) is out of range (at most \(Int64.max))")
        }
        return n
    }
}
