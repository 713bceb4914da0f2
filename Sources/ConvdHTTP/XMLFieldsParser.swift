import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `<feedback><type>conversion</type><reason>…</reason>…</feedback>`: each child of the
/// root element is a field, and the children of `<fields>` are extra fields. External entities
/// are never resolved.
final class XMLFieldsParser: NSObject, XMLParserDelegate {
    private var depth = 0
    private var path: [String] = []
    private var text = ""
    private var fields: [String: String] = [:]
    private var problem: String?

    /// The fields of an XML body.
    /// - Throws: `HTTPBodyError` for XML that does not parse or nests deeper than fields allow.
    static func fields(_ data: Data) throws(HTTPBodyError) -> [String: String] {
        let parser = XMLParser(data: data)
        let reader = XMLFieldsParser()
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else {
            throw HTTPBodyError(reader.problem ?? "the body is not well-formed XML (line \(parser.lineNumber): \(parser.parserError.map { "\($0.localizedDescription)" } ?? "error"))")
        }
        if let problem = reader.problem { throw HTTPBodyError(problem) }
        return reader.fields
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        path.append(name)
        text = ""
        let allowed = path.count <= 2 || (path.count == 3 && path[1] == "fields")
        if !allowed {
            problem = "XML element <\(path.joined(separator: "/"))> nests too deep: fields are children of the root (or of <fields>)"
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if problem == nil { problem = "the body is not well-formed XML (line \(parser.lineNumber): \(parseError.localizedDescription))" }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        // libxml2 recovers from a mismatched end tag; convd does not guess what was meant.
        guard path.last == name else {
            if problem == nil { problem = "the body is not well-formed XML (line \(parser.lineNumber): </\(name)> closes <\(path.last ?? "")>)" }
            parser.abortParsing()
            return
        }
        if path.count == 2 && path[1] != "fields" || path.count == 3 { fields[name] = text }
        path.removeLast()
        text = ""
    }
}
