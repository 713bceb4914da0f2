import Foundation

/// Turns a feedback webhook's body into named text fields, by its content type: JSON (an object
/// of scalars, with extra fields at the top or under `fields`), XML (`<feedback><type>…</type>…`
/// with extra fields as children or under `<fields>`) or form encoding. What `FeedbackFields`
/// makes a report of.
enum FeedbackBodyParser {
    /// The fields of `body` sent as `contentType`.
    /// - Throws: `HTTPBodyError` naming what is wrong (400, or 415 for a type it does not read).
    static func fields(_ body: [UInt8], contentType: String?) throws(HTTPBodyError) -> [String: String] {
        if body.isEmpty { return [:] }
        guard let text = String(validating: body, as: UTF8.self) else { throw HTTPBodyError("the body is not UTF-8 text") }
        let type = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "application/json": return try json(text)
        case "application/xml", "text/xml": return try XMLFieldsParser.fields(Data(body))
        case "application/x-www-form-urlencoded": return try form(text)
        case "": throw HTTPBodyError(unsupported: "no Content-Type: send application/json, application/xml or application/x-www-form-urlencoded")
        default: throw HTTPBodyError(unsupported: "Content-Type '\(type)' is not application/json, application/xml or application/x-www-form-urlencoded")
        }
    }

    static func json(_ text: String) throws(HTTPBodyError) -> [String: String] {
        let value: Any
        do { value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) } catch {
            throw HTTPBodyError("the body is not valid JSON")
        }
        guard let object = value as? [String: Any] else { throw HTTPBodyError("the JSON body must be an object of fields") }
        var out: [String: String] = [:]
        for (key, v) in object {
            if key == "fields", let extra = v as? [String: Any] {
                for (k, e) in extra { out[k] = try scalar(e, key: "fields.\(k)") }
            } else {
                out[key] = try scalar(v, key: key)
            }
        }
        return out
    }

    private static func scalar(_ v: Any, key: String) throws(HTTPBodyError) -> String {
        switch v {
        case let s as String: return s
        case is NSNull: return ""
        case let n as NSNumber:
            // JSON booleans arrive as NSNumbers of C type char, which no JSON number becomes.
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            let text = n.stringValue
            // A JSON number reaches here as a double; past 15 digits its text is no longer exact.
            guard !text.contains("e"), text.filter(\.isNumber).count <= 15 else {
                throw HTTPBodyError("\(key): \(text) is too long for a JSON number; send it as a string")
            }
            return text
        default: throw HTTPBodyError("\(key): must be a string, number or boolean")
        }
    }

    static func form(_ text: String) throws(HTTPBodyError) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) throws(HTTPBodyError) -> String {
                guard let d = s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw HTTPBodyError("the form body has a bad %-escape in '\(s.prefix(40))'")
                }
                return d
            }
            out[try decode(kv[0])] = kv.count > 1 ? try decode(kv[1]) : ""
        }
        return out
    }
}
