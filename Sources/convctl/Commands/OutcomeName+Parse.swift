import ArgumentParser
import ConvdProto
import ConvdWire

extension OutcomeName {
    /// The outcome named `s` (any case), for filters.
    /// - Throws: `ValidationError` listing the names.
    static func parse(_ s: String) throws -> Convd_V1_Outcome {
        guard let o = all.first(where: { name($0) == s.uppercased() }) else {
            throw ValidationError("unknown outcome '\(s)'; use \(all.map(name).joined(separator: ", "))")
        }
        return o
    }
}
