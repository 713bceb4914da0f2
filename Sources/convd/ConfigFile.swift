import ArgumentParser
import Foundation
import Yams

/// `convd --config FILE`: the daemon's settings as YAML. The file is turned into the flags it
/// stands for, placed before the command line's own, so a flag given on the command line wins
/// (the last value of a flag is the one used) and `--grant`s from both add up. Every key is
/// checked: a misspelt one is an error naming it, never silently ignored.
enum ConfigFile {
    /// YAML key path to flag. Nested keys are joined with dots.
    static let flags: [String: String] = [
        "socket": "--socket", "data_dir": "--data-dir", "database": "--database", "durability": "--durability",
        "socket_group": "--socket-group", "metrics_listen": "--metrics-listen",
        "log.level": "--log-level", "log.format": "--log-format",
        "limits.max_frame_bytes": "--max-frame-bytes", "limits.max_connections": "--max-connections",
        "limits.max_calls_per_connection": "--max-calls-per-connection", "limits.idle_timeout_seconds": "--idle-timeout-seconds",
        "limits.max_queued_writes": "--max-queued-writes", "limits.max_database_pages": "--max-database-pages",
        "sqlite.page_cache_mib": "--page-cache-mib", "sqlite.large_write_gather_ms": "--large-write-gather-ms",
        "retention.idempotency_hours": "--idempotency-retention-hours", "retention.outbox_days": "--outbox-retention-days",
        "retention.prune_interval_seconds": "--prune-interval-seconds",
        "watch_poll_ms": "--watch-poll-ms", "wal.limit_mb": "--wal-limit-mb", "wal.checkpoint_interval_seconds": "--checkpoint-interval-seconds",
        "wal.checkpoint_steps": "--wal-checkpoint-steps",
        "forwarding.backoff_ms": "--forward-backoff-ms", "http.listen": "--http-listen",
    ]

    /// The path given with `--config` in `arguments`, if any.
    static func path(in arguments: [String]) -> String? {
        for (i, a) in arguments.enumerated() {
            if a == "--config", i + 1 < arguments.count { return arguments[i + 1] }
            if a.hasPrefix("--config=") { return String(a.dropFirst("--config=".count)) }
        }
        return nil
    }

    /// The flags `path` stands for. - Throws: `ValidationError` naming the file and the problem.
    static func arguments(fromFile path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): no such file (or not readable)")
        }
        return try arguments(fromYAML: String(decoding: data, as: UTF8.self), file: path)
    }

    /// The flags a YAML text stands for.
    static func arguments(fromYAML text: String, file: String) throws -> [String] {
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch { throw ValidationError("\(file): not valid YAML: \(error)") }
        guard let root else { return [] }
        guard let top = root as? [String: Any] else { throw ValidationError("\(file): expected a mapping of settings at the top") }
        var args: [String] = []
        var unknown: [String] = []
        func walk(_ map: [String: Any], _ prefix: String) throws {
            for key in map.keys.sorted() {
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                let value = map[key] as Any
                if path == "grants" {
                    args += try grants(value, file: file)
                } else if path == "http.tokens" {
                    args += try httpTokens(value, file: file)
                } else if path == "http.allow_remote" {
                    guard let on = value as? Bool else { throw ValidationError("\(file): 'http.allow_remote' must be true or false") }
                    if on { args.append("--http-allow-remote") }
                } else if let flag = flags[path] {
                    guard let scalar = scalarText(value) else { throw ValidationError("\(file): '\(path)' must be a single value") }
                    args += [flag, scalar]
                } else if let nested = value as? [String: Any], path == "http" || flags.keys.contains(where: { $0.hasPrefix(path + ".") }) {
                    try walk(nested, path)
                } else {
                    unknown.append(path)
                }
            }
        }
        try walk(top, "")
        guard unknown.isEmpty else {
            throw ValidationError("\(file): unknown setting \(unknown.map { "'\($0)'" }.joined(separator: ", ")); known: grants, http.tokens, http.allow_remote, \(flags.keys.sorted().joined(separator: ", "))")
        }
        return args
    }

    /// `grants:` is a list of `{uid|user|gid|group: X, role: R}`.
    static func grants(_ value: Any, file: String) throws -> [String] {
        guard let list = value as? [Any] else { throw ValidationError("\(file): 'grants' must be a list") }
        return try list.enumerated().flatMap { i, item -> [String] in
            guard let map = item as? [String: Any], let role = map["role"].flatMap(scalarText) else {
                throw ValidationError("\(file): grants[\(i)] needs a role and one of uid, user, gid, group")
            }
            let who = map.keys.filter { $0 != "role" }
            guard who.count == 1, let kind = who.first, ["uid", "user", "gid", "group"].contains(kind),
                  let id = map[kind].flatMap(scalarText) else {
                throw ValidationError("\(file): grants[\(i)] needs exactly one of uid, user, gid, group beside its role")
            }
            return ["--grant", "\(kind):\(id)=\(role)"]
        }
    }

    /// `http.tokens:` is a list of `{name: N, role: R, sha256: HEX, recipient: ID}` (recipient optional).
    static func httpTokens(_ value: Any, file: String) throws -> [String] {
        guard let list = value as? [Any] else { throw ValidationError("\(file): 'http.tokens' must be a list") }
        return try list.enumerated().flatMap { i, item -> [String] in
            guard let map = item as? [String: Any] else { throw ValidationError("\(file): http.tokens[\(i)] must be a mapping") }
            let parts = try map.keys.sorted().map { key -> String in
                guard ["name", "role", "sha256", "recipient"].contains(key), let text = map[key].flatMap(scalarText) else {
                    throw ValidationError("\(file): http.tokens[\(i)].\(key) is not one of name, role, sha256, recipient")
                }
                return "\(key)=\(text)"
            }
            return ["--http-token", parts.joined(separator: ",")]
        }
    }

    static func scalarText(_ value: Any) -> String? {
        switch value {
        case let s as String: s
        case let b as Bool: b ? "true" : "false"
        case let n as Int: String(n)
        case let d as Double: String(d)
        default: nil
        }
    }
}
