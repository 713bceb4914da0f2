import ArgumentParser
import ConvdCore
import ConvdProto
import Foundation

/// Money on the command line: typed as decimals, converted exactly to minor units by the
/// currency's ISO 4217 exponent, and printed back the same way.
enum MoneyText {
    /// A wire amount from a decimal string such as "1000.00".
    static func parse(_ text: String, currency: String) throws -> Convd_V1_Money {
        do {
            var m = Convd_V1_Money()
            m.currency = currency
            m.amountMinor = try MoneyFormat.minorUnits(text, currency: currency)
            return m
        } catch {
            // The same shape and exit status as the daemon's own INVALID_ARGUMENT.
            FileHandle.standardError.write(Data("convctl: INVALID_ARGUMENT: --amount: \(error.message)\n".utf8))
            throw ExitCode(10 + 3)
        }
    }

    /// "1000.00 EUR", or empty when there is no amount.
    static func text(_ m: Convd_V1_Money) -> String {
        m.currency.isEmpty ? "" : MoneyFormat.decimal(Money(amountMinor: m.amountMinor, currency: m.currency)) + " " + m.currency
    }
}
