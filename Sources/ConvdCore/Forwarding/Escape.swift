/// Escaping for each format, without Foundation.
public enum Escape {
    /// A JSON string literal, quotes included.
    public static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += "\\u" + hex(u.value, width: 4)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// XML character data or attribute text.
    public static func xml(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where u.value < 0x20 && u != "\n" && u != "\t" && u != "\r": out += "&#x" + hex(u.value, width: 1) + ";"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// An XML element name from a mapping key: characters outside a name become `_`.
    public static func xmlName(_ s: String) -> String {
        var out = ""
        for (i, ch) in s.enumerated() {
            let ok = ch.isLetter || ch == "_" || (i > 0 && (ch.isNumber || ch == "-" || ch == "."))
            out.append(ok ? ch : "_")
        }
        return out.isEmpty ? "_" : out
    }

    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// RFC 3986 percent-encoding of everything but unreserved characters (for URLs).
    public static func url(_ s: String) -> String { percentEncode(s, spaceAsPlus: false) }

    /// application/x-www-form-urlencoded: like `url`, with spaces as `+`.
    public static func form(_ s: String) -> String { percentEncode(s, spaceAsPlus: true) }

    private static func percentEncode(_ s: String, spaceAsPlus: Bool) -> String {
        var out = ""
        for b in s.utf8 {
            if unreserved.contains(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else if b == 0x20 && spaceAsPlus {
                out += "+"
            } else {
                out += "%" + hex(UInt32(truncatingIfNeeded: b), width: 2)
            }
        }
        return out
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
