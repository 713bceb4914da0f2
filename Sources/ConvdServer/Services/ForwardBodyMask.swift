import ConvdCore
import Foundation

/// A forward's body as text for readers, with the values of fields whose names look secret
/// (`SecretMask.isSecretName`) masked: top-level members of a JSON object and pairs of a form.
/// Other bodies (XML) are shown as they are; secrets belong in headers, which are never shown.
enum ForwardBodyMask {
    static func masked(_ body: [UInt8], contentType: String) -> String {
        let text = String(decoding: body, as: UTF8.self)
        if contentType.contains("json"), var object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] {
            guard object.keys.contains(where: SecretMask.isSecretName) else { return text }
            for key in object.keys where SecretMask.isSecretName(key) { object[key] = "****" }
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return text }
            return String(decoding: data, as: UTF8.self)
        }
        if contentType.contains("x-www-form-urlencoded") {
            return text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
                let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                let decoded = name.removingPercentEncoding ?? name
                return SecretMask.isSecretName(decoded) ? "\(name)=****" : String(pair)
            }.joined(separator: "&")
        }
        return text
    }
}
