import ArgumentParser
import ConvdClient
import ConvdCore
import ConvdProto
import Foundation

enum StatusName {
    static let all: [(String, Convd_V1_ConversionStatus)] = [("PENDING", .pending), ("APPROVED", .approved), ("REJECTED", .rejected), ("RETRACTED", .retracted)]

    static func parse(_ s: String) throws -> Convd_V1_ConversionStatus {
        guard let v = all.first(where: { $0.0 == s.uppercased() })?.1 else {
            throw ValidationError("unknown status '\(s)'; use \(all.map(\.0).joined(separator: ", "))")
        }
        return v
    }

    static func name(_ s: Convd_V1_ConversionStatus) -> String { all.first { $0.1 == s }?.0 ?? "UNSPECIFIED" }
}
