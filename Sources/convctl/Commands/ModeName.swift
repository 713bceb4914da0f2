import ArgumentParser
import ConvdClient
import ConvdProto
import SwiftProtobuf

/// Names of conversion modes on the command line.
enum ModeName {
    static let all: [(String, Convd_V1_ConversionMode)] = [
        ("CREATE_NEW", .createNew), ("UPDATE", .update), ("IGNORE_DUPLICATES", .ignoreDuplicates), ("INCREMENT", .increment),
    ]

    static func parse(_ s: String) throws -> Convd_V1_ConversionMode {
        guard let m = all.first(where: { $0.0 == s.uppercased() })?.1 else {
            throw ValidationError("unknown mode '\(s)'; use \(all.map(\.0).joined(separator: ", "))")
        }
        return m
    }

    static func name(_ m: Convd_V1_ConversionMode) -> String { all.first { $0.1 == m }?.0 ?? "UNSPECIFIED" }

    /// Parses NAME=MODE[:WINDOW_SECONDS][:negative|:positive].
    static func typeSetting(_ spec: String) throws -> Convd_V1_ConversionTypeSetting {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError("--type takes NAME=MODE, got '\(spec)'") }
        var rest = parts[1].split(separator: ":").map(String.init)
        var t = Convd_V1_ConversionTypeSetting()
        t.name = parts[0]
        t.mode = try parse(rest.removeFirst())
        for extra in rest {
            switch extra.lowercased() {
            case "negative": t.polarity = .negative
            case "positive": t.polarity = .positive
            default:
                guard let w = UInt32(extra) else { throw ValidationError("bad window or polarity '\(extra)' in '\(spec)'") }
                t.duplicateWindowSeconds = w
            }
        }
        return t
    }
}
