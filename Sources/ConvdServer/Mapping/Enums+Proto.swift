import ConvdCore
import ConvdProto

extension ConversionStatus {
    /// The status for a wire value; UNSPECIFIED is nil (the caller picks the default).
    init?(proto: Convd_V1_ConversionStatus) {
        switch proto {
        case .pending: self = .pending
        case .approved: self = .approved
        case .rejected: self = .rejected
        case .retracted: self = .retracted
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: Convd_V1_ConversionStatus {
        switch self {
        case .pending: .pending
        case .approved: .approved
        case .rejected: .rejected
        case .retracted: .retracted
        }
    }
}

extension FeedbackOutcome {
    init?(proto: Convd_V1_Outcome) {
        switch proto {
        case .created: self = .created
        case .updated: self = .updated
        case .incremented: self = .incremented
        case .duplicateIgnored: self = .duplicateIgnored
        case .rejected: self = .rejected
        case .returnRecorded: self = .returnRecorded
        case .staleIgnored: self = .staleIgnored
        case .adjusted: self = .adjusted
        case .failed: self = .failed
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var proto: Convd_V1_Outcome {
        switch self {
        case .created: .created
        case .updated: .updated
        case .incremented: .incremented
        case .duplicateIgnored: .duplicateIgnored
        case .rejected: .rejected
        case .returnRecorded: .returnRecorded
        case .staleIgnored: .staleIgnored
        case .adjusted: .adjusted
        case .failed: .failed
        }
    }
}

extension Money {
    init(proto: Convd_V1_Money) { self.init(amountMinor: proto.amountMinor, currency: proto.currency) }

    var proto: Convd_V1_Money {
        var m = Convd_V1_Money()
        m.amountMinor = amountMinor
        m.currency = currency
        return m
    }
}
