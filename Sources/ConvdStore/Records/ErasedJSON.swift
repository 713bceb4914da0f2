import ConvdCore
import Foundation

/// Erasure inside a JSON document convd stored (an event's input, a saved answer): every `lead`
/// and `fields` object becomes empty and every other string loses the erased values. The document
/// is walked as a tree, never edited as text, so a value that happens to equal a key name
/// cannot break its structure.
enum ErasedJSON {
    /// Keys whose object holds a lead's or a feedback's free fields.
    static let personalObjects: Set<String> = ["lead", "fields"]

    /// `text` erased, or nil when nothing in it changed.
    static func scrub(_ text: String, with scrubber: PersonalDataScrubber) throws -> String? {
        let tree = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        var changed = false
        let scrubbed = walk(tree, scrubber, &changed)
        guard changed else { return nil }
        let data = try JSONSerialization.data(withJSONObject: scrubbed, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    private static func walk(_ node: Any, _ scrubber: PersonalDataScrubber, _ changed: inout Bool) -> Any {
        switch node {
        case let dict as [String: Any]:
            var out = [String: Any](minimumCapacity: dict.count)
            for (key, value) in dict {
                if personalObjects.contains(key), let object = value as? [String: Any] {
                    if !object.isEmpty { changed = true }
                    out[key] = [String: Any]()
                } else {
                    out[key] = walk(value, scrubber, &changed)
                }
            }
            return out
        case let array as [Any]:
            return array.map { walk($0, scrubber, &changed) }
        case let string as String:
            let scrubbed = scrubber.scrub(string)
            if scrubbed != string { changed = true }
            return scrubbed
        default:
            return node
        }
    }
}
