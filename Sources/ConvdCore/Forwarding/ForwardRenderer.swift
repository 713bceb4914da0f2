/// Renders a forward in the source's format: JSON, XML, form-encoded, or a GET of a URL template.
public enum ForwardRenderer {
    /// The request for `values` under `settings`. Without a mapping, the body holds every value.
    public static func render(_ settings: ForwardingSettings, values: ForwardValues, userAgent: String) -> ForwardRequest {
        let fields: [(String, String)] = settings.fieldMapping.isEmpty
            ? values.all
            : settings.fieldMapping.sorted { $0.key < $1.key }.map { ($0.key, fill($0.value, values: values, encode: { $0 })) }
        var headers = settings.headers
        headers["User-Agent"] = userAgent
        switch settings.format {
        case .json:
            let body = "{" + fields.map { "\(Escape.json($0.0)):\(Escape.json($0.1))" }.joined(separator: ",") + "}"
            return ForwardRequest(method: "POST", url: settings.url, contentType: "application/json", body: Array(body.utf8), headers: headers)
        case .xml:
            let elements = fields.map { "<\(Escape.xmlName($0.0))>\(Escape.xml($0.1))</\(Escape.xmlName($0.0))>" }.joined()
            let body = #"<?xml version="1.0" encoding="UTF-8"?><feedback>"# + elements + "</feedback>"
            return ForwardRequest(method: "POST", url: settings.url, contentType: "application/xml; charset=utf-8",
                                  body: Array(body.utf8), headers: headers)
        case .form:
            let body = fields.map { Escape.form($0.0) + "=" + Escape.form($0.1) }.joined(separator: "&")
            return ForwardRequest(method: "POST", url: settings.url, contentType: "application/x-www-form-urlencoded",
                                  body: Array(body.utf8), headers: headers)
        case .get:
            var url = fill(settings.url, values: values, encode: Escape.url)
            if !settings.fieldMapping.isEmpty {
                let query = fields.map { Escape.url($0.0) + "=" + Escape.url($0.1) }.joined(separator: "&")
                url += (url.contains("?") ? "&" : "?") + query
            }
            return ForwardRequest(method: "GET", url: url, contentType: "", body: [], headers: headers)
        }
    }

    /// `template` with each `{name}` replaced by its value, passed through `encode`.
    public static func fill(_ template: String, values: ForwardValues, encode: (String) -> String) -> String {
        var out = ""
        var name: String?
        for ch in template {
            if ch == "{" {
                if let open = name { out += "{" + open }
                name = ""
            } else if ch == "}", let n = name {
                out += Placeholder.isKnown(n) ? encode(values.value(of: n)) : "{\(n)}"
                name = nil
            } else if name != nil {
                name!.append(ch)
            } else {
                out.append(ch)
            }
        }
        if let open = name { out += "{" + open }
        return out
    }
}

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
