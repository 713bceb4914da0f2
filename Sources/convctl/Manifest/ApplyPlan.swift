import ConvdWire
import Foundation
import SwiftProtobuf

/// What `convctl apply` will do with one object: create it, change the fields the file manages
/// that differ, or leave it alone.
struct ApplyPlan<M: SwiftProtobuf.Message & Equatable> {
    enum Action { case create, change([String]), unchanged }

    let manifest: Manifest
    /// The object as stored; nil when it does not exist yet.
    let current: M?
    /// The object as it will be: the stored one with the managed fields taken from the file.
    let desired: M
    let action: Action

    /// Compares the file's object with the stored one. Header values of `****` in the file mean
    /// "keep the stored secret", as they do for a Put.
    init(manifest: Manifest, current: M?) throws {
        self.manifest = manifest
        self.current = current
        var fields = manifest.fields
        if let current { fields = Self.keepingMaskedSecrets(fields, stored: try ProtoYAML.object(current)) }
        guard let current else {
            desired = try ProtoYAML.message(fields)
            action = .create
            return
        }
        let stored = try ProtoYAML.object(current)
        func with(_ keys: [String]) throws -> M {
            var merged = stored
            for key in keys { merged[key] = fields[key].map { ProtoYAML.overlay($0, on: stored[key], key: key) } }
            return try ProtoYAML.message(merged)
        }
        desired = try with(manifest.managedKeys)
        let changed = try manifest.managedKeys.filter { try with([$0]) != current }
        action = changed.isEmpty ? .unchanged : .change(changed)
    }

    /// The plan as a JSON object: kind, id, action (create, change, unchanged) and changed fields.
    var json: String {
        let (name, fields): (String, [String]) = switch action {
        case .create: ("create", manifest.managedKeys)
        case .change(let keys): ("change", keys)
        case .unchanged: ("unchanged", [])
        }
        let list = fields.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"kind":"\#(manifest.kind.rawValue)","id":\#(jsonString(manifest.id)),"action":"\#(name)","fields":[\#(list)]}"#
    }

    private func jsonString(_ s: String) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: s, options: .fragmentsAllowed)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    /// The lines apply prints for this object; secrets shown as `****`.
    func report() throws -> [String] {
        let name = "\(manifest.kind.noun) \(manifest.id)"
        switch action {
        case .unchanged: return ["= \(name): unchanged"]
        case .create:
            return ["+ \(name): create"] + LineDiff.lines(from: "", to: try shown(desired, against: nil)).map { "    " + $0 }
        case .change(let keys):
            guard let current else { return [] }
            return ["~ \(name): change \(keys.joined(separator: ", "))"]
                + LineDiff.lines(from: try shown(current, against: nil), to: try shown(desired, against: current))
                    .filter { !$0.hasPrefix("  ") }.map { "    " + $0 }
        }
    }

    private func shown(_ m: M, against old: M?) throws -> String {
        var d = try ProtoYAML.object(m)
        let before = try old.map(ProtoYAML.object)
        if var forwarding = d["forwarding"] as? [String: Any], let headers = forwarding["headers"] as? [String: Any] {
            let oldHeaders = (before?["forwarding"] as? [String: Any])?["headers"] as? [String: Any]
            forwarding["headers"] = Dictionary(uniqueKeysWithValues: headers.map { key, value in
                let changed = oldHeaders.map { ($0[key] as? String) != (value as? String) } ?? false
                return (key, changed ? "**** (changed)" : "****")
            })
            d["forwarding"] = forwarding
        }
        return try Manifest.yaml(ProtoYAML.message(d, as: M.self), kind: manifest.kind)
    }

    static func keepingMaskedSecrets(_ fields: [String: Any], stored: [String: Any]) -> [String: Any] {
        guard var forwarding = fields["forwarding"] as? [String: Any], var headers = forwarding["headers"] as? [String: Any],
              let storedHeaders = (stored["forwarding"] as? [String: Any])?["headers"] as? [String: Any] else { return fields }
        for (key, value) in headers where (value as? String) == "****" { headers[key] = storedHeaders[key] }
        forwarding["headers"] = headers
        var out = fields
        out["forwarding"] = forwarding
        return out
    }
}
