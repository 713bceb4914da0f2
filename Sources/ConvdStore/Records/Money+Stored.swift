import ConvdCore

extension Money {
    /// An amount read from a pair of nullable columns (minor units, currency): nil unless both are set.
    init?(storedMinor minor: Int64?, currency: String?) {
        guard let minor, let currency else { return nil }
        self.init(amountMinor: minor, currency: currency)
    }
}
