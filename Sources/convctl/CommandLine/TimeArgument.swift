import ArgumentParser
import Foundation

/// `--since` values: a duration back from now (`90s`, `30m`, `24h`, `7d`) or an ISO 8601 UTC time
/// (`2026-11-23T10:00:00Z`, or a date alone for its midnight UTC). Parsed to Unix ms.
enum TimeArgument {
    /// Unix ms for `text`, relative to `nowMs`. - Throws: `ValidationError` naming `flag`.
    static func ms(_ text: String, flag: String, nowMs: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) throws -> Int64 {
        let units: [Character: Int64] = ["s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
        if let unit = text.last, let scale = units[unit], let n = Int64(text.dropLast()), n >= 0, n <= 36_500 * 86_400 {  // no-trap: parses text
            return nowMs - n * scale
        }
        let iso = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate]] {
            iso.formatOptions = options
            if let date = iso.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        }
        throw ValidationError("\(flag) takes a duration back from now (90s, 30m, 24h, 7d) or an ISO 8601 time (2026-11-23T10:00:00Z), not '\(text)'")
    }
}
