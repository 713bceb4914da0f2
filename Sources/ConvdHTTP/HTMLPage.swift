import ConvdCore

/// A dashboard page: plain HTML with the project's own small stylesheet, usable without
/// JavaScript, every value escaped. Assets come from the binary; nothing is fetched elsewhere.
struct HTMLPage: Sendable {
    var title: String
    var body: String = ""

    /// Appends `html` (already escaped or built from escaped parts).
    mutating func add(_ html: String) { body += html + "\n" }

    /// `text` escaped for HTML.
    static func text(_ text: String) -> String { Escape.xml(text) }

    /// A table with a header row; cells are already HTML.
    static func table(_ headers: [String], _ rows: [[String]], id: String) -> String {
        "<table id=\"\(id)\"><thead><tr>" + headers.map { "<th>\(text($0))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
    }

    /// The whole document.
    var html: String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(Self.text(title)) · convd</title>
        <style>
        body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}nav a{margin-right:1em}
        table{border-collapse:collapse;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}
        th{background:#f4f4f4}form label{margin-right:.8em}.failure{color:#a00}.success{color:#060}
        svg text{font:11px sans-serif}
        </style></head><body>
        <nav><a href="/">Events</a><a href="/stats">Conversions per day</a><a href="/forwarding">Forwarding</a></nav>
        <h1>\(Self.text(title))</h1>
        \(body)</body></html>
        """
    }
}
