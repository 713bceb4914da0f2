/// Reads choices out of a fuzzer's bytes, like LLVM's FuzzedDataProvider: each read consumes
/// bytes, and an exhausted input reads as zeros, so every input is a valid sequence of choices.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var at = 0

    /// Wraps the bytes libFuzzer handed over.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether anything is left.
    public var isEmpty: Bool { at >= bytes.count }

    /// The next byte (0 when exhausted).
    public mutating func byte() -> UInt8 {
        defer { at += 1 }
        return at < bytes.count ? bytes[at] : 0
    }

    /// A number in 0..<n (0 when n is 0).
    public mutating func below(_ n: Int) -> Int { n == 0 ? 0 : Int(byte()) % n }

    /// The next 8 bytes as a number.
    public mutating func uint64() -> UInt64 { (0..<8).reduce(0) { v, _ in v << 8 | UInt64(byte()) } }

    /// Up to `max` bytes, length chosen by the input.
    public mutating func data(max: Int) -> [UInt8] {
        let wanted = Int(byte()) * 4
        guard at < bytes.count else { return [] }
        let n = min(wanted, max, bytes.count - at)
        defer { at += n }
        return Array(bytes[at..<at + n])
    }

    /// Up to `max` bytes as (possibly invalid, repaired) UTF-8 text.
    public mutating func text(max: Int) -> String { String(decoding: data(max: max), as: UTF8.self) }
}
