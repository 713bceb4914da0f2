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

    /// Why `code` is not an active ISO 4217 currency, or nil when it is.
    public static func currencyProblem(_ code: String) -> String? {
        let shaped = code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
        guard shaped else { return "'\(code)' is not an ISO 4217 code (three upper-case letters)" }
        return ISO4217.isActive(code) ? nil : "'\(code)' is not an active ISO 4217 currency"
    }

    /// `self + other`, checked, so a sum can never trap the daemon.
    /// - Returns: nil when the currencies differ or the sum does not fit in Int64.
    public func adding(_ other: Money) -> Money? {
        guard currency == other.currency else { return nil }
        let (sum, overflow) = amountMinor.addingReportingOverflow(other.amountMinor)
        return overflow ? nil : Money(amountMinor: sum, currency: currency)
    }
}
