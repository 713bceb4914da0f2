import ConvdProto

/// The protocol's outcome names without their prefix ("CREATED"), as the CLI, the HTTP listener
/// and CSV results print them.
public enum OutcomeName {
    /// The name of `o`.
    public static func name(_ o: Convd_V1_Outcome) -> String {
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

    /// Every outcome a call can end with.
    public static let all: [Convd_V1_Outcome] = [.created, .updated, .incremented, .duplicateIgnored, .rejected, .returnRecorded,
                                                 .staleIgnored, .adjusted, .failed]
}
