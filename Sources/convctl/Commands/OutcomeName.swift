import ArgumentParser
import ConvdClient
import ConvdCore
import ConvdProto
import Foundation

/// Names of outcomes and statuses on the command line.
enum OutcomeName {
    static func name(_ o: Convd_V1_Outcome) -> String {
        switch o {
        case .created: "CREATED"
        case .updated: "UPDATED"
        case .incremented: "INCREMENTED"
        case .duplicateIgnored: "DUPLICATE_IGNORED"
        case .rejected: "REJECTED"
        case .returnRecorded: "RETURN_RECORDED"
        case .staleIgnored: "STALE_IGNORED"
        case .adjusted: "ADJUSTED"
        case .failed: "FAILED"
        case .unspecified, .UNRECOGNIZED: "UNSPECIFIED"
        }
    }

    static func parse(_ s: String) throws -> Convd_V1_Outcome {
        let all: [Convd_V1_Outcome] = [.created, .updated, .incremented, .duplicateIgnored, .rejected, .returnRecorded, .staleIgnored, .adjusted, .failed]
        guard let o = all.first(where: { name($0) == s.uppercased() }) else {
            throw ValidationError("unknown outcome '\(s)'; use \(all.map(name).joined(separator: ", "))")
        }
        return o
    }
}
