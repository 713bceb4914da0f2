import ConvdCore
import ConvdProto

/// Wire amounts as people read them, exactly: "1000.00 EUR" by the currency's ISO 4217 exponent.
/// Shared by the CLI and the HTTP listener.
public enum MoneyText {
    /// The decimal amount of `m` without its currency ("1000.00"), or empty when there is no amount.
    public static func decimal(_ m: Convd_V1_Money) -> String {
        m.currency.isEmpty ? "" : MoneyFormat.decimal(Money(amountMinor: m.amountMinor, currency: m.currency))
    }

    /// "1000.00 EUR", or empty when there is no amount.
    public static func text(_ m: Convd_V1_Money) -> String {
        m.currency.isEmpty ? "" : decimal(m) + " " + m.currency
    }

    /// Amounts in several currencies: "1000.00 EUR + 12 JPY".
    public static func text(_ amounts: [Convd_V1_Money]) -> String {
        amounts.map(text).joined(separator: " + ")
    }
}
