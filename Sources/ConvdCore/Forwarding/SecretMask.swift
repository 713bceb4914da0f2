/// Hides forwarding secrets in anything convd shows: header values, a URL's userinfo, and query
/// parameters whose names say key, token, secret, password, auth or signature. Shown in clear
/// only when an admin asks (`show_secrets`); never logged.
public enum SecretMask {
    /// What a hidden value reads as.
    public static let mask = "****"

    /// `source` with every secret masked.
    public static func masked(_ source: Source) -> Source {
        guard var f = source.forwarding else { return source }
        var s = source
        f.url = masked(url: f.url)
        f.headers = f.headers.mapValues { _ in mask }
        s.forwarding = f
        return s
    }

    /// `url` with its userinfo password and secret-looking query values masked.
    public static func masked(url: String) -> String {
        var out = url
        if let scheme = out.firstRange(of: "://") {
            let rest = out[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                let userinfo = rest[..<at]
                let user = userinfo.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
                out.replaceSubrange(rest.startIndex..<at, with: userinfo.contains(":") ? user + ":" + mask : mask)
            }
        }
        guard let q = out.firstIndex(of: "?") else { return out }
        let fragmentStart = out[q...].firstIndex(of: "#") ?? out.endIndex
        let pairs = out[out.index(after: q)..<fragmentStart].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, isSecretName(String(parts[0])) else { return String(pair) }
            return parts[0] + "=" + mask
        }
        return String(out[...q]) + pairs.joined(separator: "&") + String(out[fragmentStart...])
    }

    /// Whether a parameter or header name looks like it carries a credential.
    public static func isSecretName(_ name: String) -> Bool {
        let n = name.lowercased()
        return ["key", "token", "secret", "password", "passwd", "pwd", "auth", "signature", "sig", "credential"].contains { n.contains($0) }
    }
}
