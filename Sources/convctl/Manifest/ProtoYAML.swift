import Foundation
import SwiftProtobuf
import Yams

/// A message's proto3 JSON form (proto field names) as plain Swift values (`Bool`, `Int`,
/// `String`, arrays, dictionaries), read back through Yams since JSON is YAML: Foundation's JSON
/// reader gives `NSNumber`s, which YAML prints as `1e+0` for `true`.
enum ProtoYAML {
    /// Map fields: a document's value replaces the stored map whole (a key left out is removed);
    /// every other object is merged field by field.
    static let mapFields: Set<String> = ["labels", "headers", "field_mapping"]

    /// `message` as a dictionary of plain values.
    static func object(_ message: some SwiftProtobuf.Message) throws -> [String: Any] {
        try Yams.load(yaml: message.jsonString(options: Renderer.jsonOptions)) as? [String: Any] ?? [:]
    }

    /// The message a dictionary of plain values stands for.
    static func message<M: SwiftProtobuf.Message>(_ object: [String: Any], as: M.Type = M.self) throws -> M {
        try M(jsonUTF8Data: JSONSerialization.data(withJSONObject: object))
    }

    /// `stored` with `document`'s fields laid over it: objects merged field by field, map fields
    /// and scalars replaced, lists of objects merged element by element when the lengths agree
    /// (so a server-filled default inside a list item is not a difference), else replaced.
    static func overlay(_ document: Any, on stored: Any?, key: String = "") -> Any {
        if mapFields.contains(key) { return document }
        switch (document, stored) {
        case (let d as [String: Any], let s as [String: Any]):
            var out = s
            for (k, v) in d { out[k] = overlay(v, on: s[k], key: k) }
            return out
        case (let d as [Any], let s as [Any]) where d.count == s.count:
            return zip(d, s).map { overlay($0, on: $1) }
        default:
            return document
        }
    }
}
