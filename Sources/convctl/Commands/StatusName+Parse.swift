import ArgumentParser
import ConvdProto
import ConvdWire

extension StatusName {
    /// The status named `s` (any case), for filters.
    /// - Throws: `ValidationError` listing the names.
    static func parse(_ s: String) throws -> Convd_V1_ConversionStatus {
        guard let v = all.first(where: { $0.0 == s.uppercased() })?.1 else {
            throw ValidationError("unknown status '\(s)'; use \(all.map(\.0).joined(separator: ", "))")
        }
        return v
    }
}
