import Foundation

/// A reply as a small tree, written as JSON or as XML by the request's `Accept` header, so both
/// say the same thing. Map entries (lead fields) become `<field name="...">` in XML, since their
/// names need not be valid element names.
indirect enum ReplyDocument: Sendable {
    case text(String)
    case number(Int64)
    /// Named members in order.
    case object([(String, ReplyDocument)])
    /// Free-form names (lead fields) to text.
    case map([String: String])
    case list([ReplyDocument])

    /// Which of JSON and XML `accept` prefers (JSON unless XML is named before it).
    static func wantsXML(_ accept: String?) -> Bool {
        guard let accept = accept?.lowercased() else { return false }
        let xml = [accept.range(of: "application/xml"), accept.range(of: "text/xml")].compactMap { $0?.lowerBound }.min()
        guard let xml else { return false }
        guard let json = accept.range(of: "application/json")?.lowerBound else { return true }
        return xml < json
    }

    /// The JSON text.
    var json: String {
        switch self {
        case .text(let s): return Self.quoted(s)
        case .number(let n): return String(n)
        case .object(let members): return "{" + members.map { "\(Self.quoted($0.0)):\($0.1.json)" }.joined(separator: ",") + "}"
        case .map(let m): return "{" + m.keys.sorted().map { "\(Self.quoted($0)):\(Self.quoted(m[$0] ?? ""))" }.joined(separator: ",") + "}"
        case .list(let items): return "[" + items.map(\.json).joined(separator: ",") + "]"
        }
    }

    /// The XML document with `root` as its element.
    func xml(root: String) -> String { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(root) + "\n" }

    private func element(_ name: String) -> String {
        switch self {
        case .text(let s): return "<\(name)>\(Self.escaped(s))</\(name)>"
        case .number(let n): return "<\(name)>\(n)</\(name)>"
        case .object(let members): return "<\(name)>" + members.map { $0.1.element($0.0) }.joined() + "</\(name)>"
        case .map(let m):
            return "<\(name)>" + m.keys.sorted().map { "<field name=\"\(Self.escaped($0))\">\(Self.escaped(m[$0] ?? ""))</field>" }.joined() + "</\(name)>"
        case .list(let items): return "<\(name)>" + items.map { $0.element("item") }.joined() + "</\(name)>"
        }
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    private static func escaped(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Characters XML 1.0 cannot carry at all are dropped rather than sent broken.
            case _ where u.value < 0x20 && u != "\n" && u != "\t" && u != "\r": continue
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
