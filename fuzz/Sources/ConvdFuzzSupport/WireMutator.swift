/// Structure-aware mutation of a valid protobuf message at the wire level, for every method alike:
/// it walks the fields of a seed request and, as the fuzz input chooses, keeps each one or swaps
/// its value for an extreme (integer bounds, 2^53+1, undefined enum numbers, empty, huge or
/// pathological strings), recursing into embedded messages. The result is still a well-formed
/// message of the same type, so the handlers' checks, not the decoder, meet the bad values.
public enum WireMutator {
    /// Integers chosen for varint fields: the edges of every integer type, and undefined enum values.
    static let extremeVarints: [UInt64] = [
        0, 1, 2, 99, 0x7F, 0xFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 1 << 53 + 1, 1 << 62,
        0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, UInt64.max, UInt64.max - 1, 946_684_799_999, 4_102_444_800_000,
    ]
    /// Strings chosen for length-delimited fields.
    static let extremeStrings: [[UInt8]] = [
        [], Array("crm-1".utf8), Array("E1".utf8), Array("(a+)+$".utf8), Array(String(repeating: "a", count: 41).utf8) + [0x62],
        Array("ünïcødé 🙂".utf8), [0xFF, 0xFE, 0x00], Array(String(repeating: "x", count: 70_000).utf8),
        Array(String(repeating: "[", count: 300).utf8), Array("{lead.email}".utf8), Array("XYZ".utf8),
    ]

    /// `seed` with fields changed as `input` chooses. Nested messages are mutated up to `depth` 4.
    public static func mutate(_ seed: [UInt8], _ input: inout FuzzInput, depth: Int = 0) -> [UInt8] {
        var reader = seed[...]
        var out: [UInt8] = []
        while !reader.isEmpty {
            guard let tag = readVarint(&reader) else { return seed }
            let wireType = tag & 7
            switch wireType {
            case 0:
                guard let value = readVarint(&reader) else { return seed }
                writeVarint(tag, &out)
                let choice = input.below(extremeVarints.count + 2)
                writeVarint(choice < extremeVarints.count ? extremeVarints[choice] : choice == extremeVarints.count ? value : input.uint64(), &out)
            case 2:
                guard let length = readVarint(&reader), length <= UInt64(reader.count) else { return seed }
                let body = Array(reader.prefix(Int(truncatingIfNeeded: length)))
                reader = reader.dropFirst(Int(truncatingIfNeeded: length))
                let choice = input.below(extremeStrings.count + 3)
                let next: [UInt8]
                switch choice {
                case 0..<extremeStrings.count: next = extremeStrings[choice]
                case extremeStrings.count: next = depth < 4 ? mutate(body, &input, depth: depth + 1) : body
                case extremeStrings.count + 1: next = input.data(max: 1_024)
                default: next = body
                }
                writeVarint(tag, &out)
                writeVarint(UInt64(next.count), &out)
                out += next
            case 1, 5:
                let n = wireType == 1 ? 8 : 4
                guard reader.count >= n else { return seed }
                writeVarint(tag, &out)
                out += reader.prefix(n)
                reader = reader.dropFirst(n)
            default:
                return seed
            }
        }
        return out
    }

    static func readVarint(_ r: inout ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let b = r.popFirst() {
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
            if shift >= 64 { return nil }
        }
        return nil
    }

    static func writeVarint(_ v: UInt64, _ out: inout [UInt8]) {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(truncatingIfNeeded: v))
    }
}
