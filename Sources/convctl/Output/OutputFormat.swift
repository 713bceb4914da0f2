import ArgumentParser
import Foundation
import SwiftProtobuf

/// How convctl prints results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, yaml
}

/// Parses repeated `key=value` flags into a map.
func keyValues(_ pairs: [String], flag: String) throws -> [String: String] {
    var result: [String: String] = [:]
    for pair in pairs {
        guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
            throw ValidationError("\(flag) takes key=value, got '\(pair)'")
        }
        result[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
    }
    return result
}

/// Formats Unix ms as ISO 8601 UTC.
func isoTime(_ ms: Int64) -> String {
    guard ms != 0 else { return "" }
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
}
