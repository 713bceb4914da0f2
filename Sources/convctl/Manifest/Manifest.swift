import ArgumentParser
import ConvdProto
import Foundation
import SwiftProtobuf
import Yams

/// One object in a YAML file: its kind, id, and the top-level fields the file sets (proto field
/// names, values as in the proto3 JSON mapping). Only the fields a file sets are managed by it.
struct Manifest {
    /// Server-set stamps: printed by `get` for reading, ignored by `apply`.
    static let stamps: Set<String> = ["created_at_ms", "updated_at_ms", "archived_at_ms"]

    var kind: ManifestKind
    var id: String
    /// The fields the document sets, without `kind` and stamps.
    var fields: [String: Any]

    /// The field names the document manages (besides `id`).
    var managedKeys: [String] { fields.keys.filter { $0 != "id" }.sorted() }

    /// Every document of a YAML text. - Throws: `ValidationError` naming the document and problem.
    static func parseAll(_ text: String, file: String) throws -> [Manifest] {
        let documents: [Any]
        do { documents = try Array(Yams.load_all(yaml: text)) } catch { throw ValidationError("\(file): not valid YAML: \(error)") }
        var seen = Set<String>()
        return try documents.enumerated().compactMap { i, doc -> Manifest? in
            let at = "\(file), document \(i + 1)"
            guard var map = doc as? [String: Any] else { throw ValidationError("\(at): expected a mapping with kind and id") }
            guard let kindName = map.removeValue(forKey: "kind") as? String,
                  let kind = ManifestKind.allCases.first(where: { $0.rawValue.lowercased() == kindName.lowercased() }) else {
                throw ValidationError("\(at): kind must be one of \(ManifestKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let id = map["id"] as? String, !id.isEmpty else { throw ValidationError("\(at): id is required") }
            guard seen.insert("\(kind.rawValue)/\(id)").inserted else { throw ValidationError("\(at): \(kind.noun) \(id) appears twice") }
            for stamp in stamps { map.removeValue(forKey: stamp) }
            let manifest = Manifest(kind: kind, id: id, fields: map)
            _ = try manifest.message(at: at)  // every field is checked now, before anything is applied
            return manifest
        }
    }

    /// The document as the proto message, checked by SwiftProtobuf's JSON decoder.
    func message(at place: String = "") throws -> any SwiftProtobuf.Message {
        let data: Data
        do { data = try JSONSerialization.data(withJSONObject: fields) } catch {
            throw ValidationError("\(place): cannot be read as JSON values: \(error)")
        }
        do {
            switch kind {
            case .recipient: return try Convd_V1_Recipient(jsonUTF8Data: data)
            case .source: return try Convd_V1_Source(jsonUTF8Data: data)
            }
        } catch {
            throw ValidationError("\(place.isEmpty ? "\(kind.noun) \(id)" : place): \(error)")
        }
    }

    /// `message` as a YAML document with `kind` first and without the server's stamps.
    static func yaml(_ message: some SwiftProtobuf.Message, kind: ManifestKind) throws -> String {
        var body = try ProtoYAML.object(message)
        for stamp in stamps { body.removeValue(forKey: stamp) }
        let head = try Yams.dump(object: ["kind": kind.rawValue], sortKeys: true)
        return head + (body.isEmpty ? "" : try Yams.dump(object: body, sortKeys: true))
    }
}
