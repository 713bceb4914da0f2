import ConvdCore
import Foundation

/// Encodes Core values kept as JSON documents in a TEXT column. Keys are sorted so the same
/// value always stores as the same text.
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A flat string map (fields, lead), on every feedback's hot path: empty maps skip JSON
    /// entirely, and the rest go through JSONSerialization, several times cheaper than Codable here.
    static func encode(_ map: [String: String]) throws -> String {
        if map.isEmpty { return "{}" }
        let data = try JSONSerialization.data(withJSONObject: map, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a flat string map written by `encode(_:)` (or by JSONEncoder).
    static func decodeMap(_ text: String) throws -> [String: String] {
        if text == "{}" { return [:] }
        guard let map = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a string map: \(text.prefix(80))"))
        }
        return map
    }
}
