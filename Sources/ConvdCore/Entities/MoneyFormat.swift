/// Converts between minor units and decimal text exactly, using each currency's ISO 4217 exponent.
public enum MoneyFormat {
    /// Digits after the decimal point for `currency`, from ISO 4217 (2 for a code it does not list,
    /// which only stored data from before the table can hold).
    public static func exponent(of currency: String) -> Int {
        ISO4217.exponents[currency] ?? 2
    }

    /// "1000.00" for 100000 EUR minor units; "1000" for JPY.
    public static func decimal(_ money: Money) -> String {
        let e = exponent(of: money.currency)
        let negative = money.amountMinor < 0
        let digits = String(money.amountMinor.magnitude)
        guard e > 0 else { return (negative ? "-" : "") + digits }
        let padded = String(repeating: "0", count: max(0, e + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -e)
        return (negative ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }

    /// Minor units of a decimal amount, exactly: "1000.00" EUR is 100000. More fraction digits than
    /// the currency has, or anything that is not a plain decimal number, is refused.
    /// - Throws: `invalidArgument` naming the problem.
    public static func minorUnits(_ text: String, currency: String) throws(ConvdError) -> Int64 {
        let e = exponent(of: currency)
        var s = Substring(text.trimmingSpaces)
        let negative = s.hasPrefix("-")
        if negative || s.hasPrefix("+") { s = s.dropFirst() }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else {
            throw .invalid(field: "amount", "'\(text)' is not a decimal amount")
        }
        guard fraction.count <= e else {
            throw .invalid(field: "amount", "'\(text)' has more than \(e) decimal places for \(currency)")
        }
        let digits = String(whole.isEmpty ? "0" : whole) + fraction + String(repeating: "0", count: e - fraction.count)
        guard let value = Int64(digits) /* no-trap: parses text */ else { throw .invalid(field: "amount", "'\(text)' is too large") }
        return negative ? -value : value
    }
}

extension Character {
    /// 0-9 only (not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
