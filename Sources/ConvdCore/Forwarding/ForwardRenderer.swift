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
