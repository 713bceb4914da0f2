/// Unique IDs that sort by creation time: 48 bits of Unix milliseconds then 80 random bits, in
/// Crockford base32 (26 characters, the ULID layout), so event IDs list in delivery order.
public enum TimeSortableID {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new ID for time `ms`, with randomness from `generator`.
    public static func make(ms: Int64, using generator: inout some RandomNumberGenerator) -> String {
        var out = [UInt8](repeating: 0, count: 26)
        var time = UInt64(clamping: ms)
        for i in stride(from: 9, through: 0, by: -1) {
            out[i] = alphabet[Int(truncatingIfNeeded: time & 31)]
            time >>= 5
        }
        var random = generator.next() as UInt64
        var random2 = generator.next() as UInt64
        for i in 10..<26 {
            let source: UInt64
            if i < 22 { source = random & 31; random >>= 5 } else { source = random2 & 31; random2 >>= 5 }
            out[i] = alphabet[Int(truncatingIfNeeded: source)]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
