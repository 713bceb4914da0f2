import ConvdCore

/// The event log's `input` column for a feedback, written by hand: byte for byte what
/// `JSONColumn.encode(["feedback": input])` (Foundation's JSONEncoder, sorted keys) writes, at a
/// fraction of the cost. Every feedback pays it on the call's event loop, and Codable through
/// JSONEncoder was the largest single item there (generic containers, boxing, a dictionary per
/// level). `FeedbackInputJSONTests` holds it equal to JSONEncoder's output over thousands of inputs.
enum FeedbackInputJSON {
    /// `{"feedback":{...}}` for `input`, keys in UTF-8 order as JSONEncoder's `.sortedKeys` puts them.
    static func encode(_ input: FeedbackInput) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(contentsOf: #"{"feedback":{"#.utf8)
        // Keys, sorted: amount, conversionType, fields, kind, occurredAtMs, reason, status, target,
        // transactionID. `amount` is left out when nil, as synthesized Codable does.
        if let amount = input.amount {
            out.append(contentsOf: #""amount":{"amountMinor":"#.utf8)
            out.append(contentsOf: String(amount.amountMinor).utf8)
            out.append(contentsOf: #","currency":"#.utf8)
            appendString(amount.currency, to: &out)
            out.append(contentsOf: "},".utf8)
        }
        out.append(contentsOf: #""conversionType":"#.utf8)
        appendString(input.conversionType, to: &out)
        out.append(contentsOf: #","fields":{"#.utf8)
        var first = true
        for (key, value) in input.fields.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            if !first { out.append(0x2c as UInt8) }
            first = false
            appendString(key, to: &out)
            out.append(0x3a as UInt8)
            appendString(value, to: &out)
        }
        out.append(contentsOf: #"},"kind":"#.utf8)
        appendString(input.kind.rawValue, to: &out)
        out.append(contentsOf: #","occurredAtMs":"#.utf8)
        out.append(contentsOf: String(input.occurredAtMs).utf8)
        out.append(contentsOf: #","reason":"#.utf8)
        appendString(input.reason, to: &out)
        out.append(contentsOf: #","status":"#.utf8)
        appendString(input.status.rawValue, to: &out)
        out.append(contentsOf: #","target":"#.utf8)
        switch input.target {
        case .click(let clickID, let recipientID):
            out.append(contentsOf: #"{"click":{"clickID":"#.utf8)
            appendString(clickID, to: &out)
            out.append(contentsOf: #","recipientID":"#.utf8)
            appendString(recipientID, to: &out)
            out.append(contentsOf: "}}".utf8)
        case .eventID(let id):
            out.append(contentsOf: #"{"eventID":{"_0":"#.utf8)
            appendString(id, to: &out)
            out.append(contentsOf: "}}".utf8)
        }
        out.append(contentsOf: #","transactionID":"#.utf8)
        appendString(input.transactionID, to: &out)
        out.append(contentsOf: "}}".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string with JSONEncoder's escapes: quote, backslash, slash, the named control
    /// characters, other control characters as lowercase `\u00xx`; everything else as its UTF-8.
    // Bytes are written as literals (0x22 is '"', 0x5c '\\', 0x2f '/', 0x30 '0', 0x61 'a'):
    // the daemon's sources keep clear of trapping conversions, UInt8(ascii:) among them.
    private static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(0x22 as UInt8)
        for byte in string.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5c as UInt8, 0x22 as UInt8])
            case 0x5c: out.append(contentsOf: [0x5c as UInt8, 0x5c as UInt8])
            case 0x2f: out.append(contentsOf: [0x5c as UInt8, 0x2f as UInt8])
            case 0x08: out.append(contentsOf: [0x5c as UInt8, 0x62 as UInt8])
            case 0x0c: out.append(contentsOf: [0x5c as UInt8, 0x66 as UInt8])
            case 0x0a: out.append(contentsOf: [0x5c as UInt8, 0x6e as UInt8])
            case 0x0d: out.append(contentsOf: [0x5c as UInt8, 0x72 as UInt8])
            case 0x09: out.append(contentsOf: [0x5c as UInt8, 0x74 as UInt8])
            case 0x00..<0x20:
                out.append(contentsOf: [0x5c as UInt8, 0x75 as UInt8, 0x30 as UInt8, 0x30 as UInt8])
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0f))
            default: out.append(byte)
            }
        }
        out.append(0x22 as UInt8)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? (0x30 as UInt8) &+ value : (0x61 as UInt8) &+ (value &- 10)
    }
}
