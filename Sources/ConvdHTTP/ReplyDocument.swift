import ConvdCore

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
        case .text(let s): return Escape.json(s)
        case .number(let n): return String(n)
        case .object(let members): return "{" + members.map { "\(Escape.json($0.0)):\($0.1.json)" }.joined(separator: ",") + "}"
        case .map(let m): return "{" + m.keys.sorted().map { "\(Escape.json($0)):\(Escape.json(m[$0] ?? ""))" }.joined(separator: ",") + "}"
        case .list(let items): return "[" + items.map(\.json).joined(separator: ",") + "]"
        }
    }

    /// The XML document with `root` as its element.
    func xml(root: String) -> String { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(root) + "\n" }

    private func element(_ name: String) -> String {
        switch self {
        case .text(let s): return "<\(name)>\(Escape.xml(s))</\(name)>"
        case .number(let n): return "<\(name)>\(n)</\(name)>"
        case .object(let members): return "<\(name)>" + members.map { $0.1.element($0.0) }.joined() + "</\(name)>"
        case .map(let m):
            return "<\(name)>" + m.keys.sorted().map { "<field name=\"\(Escape.xml($0))\">\(Escape.xml(m[$0] ?? ""))</field>" }.joined() + "</\(name)>"
        case .list(let items): return "<\(name)>" + items.map { $0.element("item") }.joined() + "</\(name)>"
        }
    }
}
