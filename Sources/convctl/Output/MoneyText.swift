import ArgumentParser
import ConvdCore
import ConvdProto
import ConvdWire
import Foundation

/// Money on the command line: typed as decimals, converted exactly to minor units by the
/// currency's ISO 4217 exponent, and printed back the same way.
extension MoneyText {
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

}
