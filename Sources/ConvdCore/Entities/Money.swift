/// An amount of money: integer minor units (cents) and an ISO 4217 currency code. Never floating point.
public struct Money: Sendable, Equatable, Hashable, Codable {
    /// Amount in the currency's minor units.
    public var amountMinor: Int64
    /// Three upper-case letters, e.g. `EUR`.
    public var currency: String

    /// Creates an amount.
    public init(amountMinor: Int64, currency: String) {
        self.amountMinor = amountMinor
        self.currency = currency
    }

    /// Why `code` is not a plausible ISO 4217 code, or nil when it is.
    public static func currencyProblem(_ code: String) -> String? {
        let ok = code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
        return ok ? nil : "'\(code)' is not an ISO 4217 code (three upper-case letters)"
    }
}
