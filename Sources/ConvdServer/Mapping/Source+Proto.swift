import ConvdCore
import ConvdProto

extension ForwardingSettings.Format {
    init?(proto: Convd_V1_ForwardFormat) {
        switch proto {
        case .unspecified, .json: self = .json
        case .xml: self = .xml
        case .form: self = .form
        case .get: self = .get
        case .UNRECOGNIZED: return nil
        }
    }

    var proto: Convd_V1_ForwardFormat {
        switch self {
        case .json: .json
        case .xml: .xml
        case .form: .form
        case .get: .get
        }
    }
}

extension Source {
    /// Reads and (unless `validate` is false: a partial Put, checked once merged) validates a source.
    /// - Throws: `invalidArgument` naming every bad field.
    init(proto: Convd_V1_Source, path: String, validate: Bool = true) throws(ConvdError) {
        var forwarding: ForwardingSettings?
        if proto.hasForwarding {
            let f = proto.forwarding
            guard let format = ForwardingSettings.Format(proto: f.format) else {
                throw .invalid(field: "\(path).forwarding.format", "unknown format \(f.format.rawValue)")
            }
            forwarding = ForwardingSettings(
                url: f.url, format: format, conversions: f.conversions, returns: f.returns,
                adjustments: f.adjustments, fieldMapping: f.fieldMapping, headers: f.headers,
                timeoutMs: f.timeoutMs, maxAttempts: f.maxAttempts, successBodyContains: f.successBodyContains)
        }
        var cap: ReturnCap?
        if proto.hasReturnCap {
            switch proto.returnCap.cap {
            case .maxCount(let n): cap = .count(n)
            case .maxShareBps(let n): cap = .shareBasisPoints(n)
            case nil: throw .invalid(field: "\(path).return_cap", "set max_count or max_share_bps")
            }
        }
        self.init(id: proto.id, name: proto.name, forwarding: forwarding, returnCap: cap, labels: proto.labels)
        if proto.hasLeadCost {
            leadCost = LeadCost(defaultCost: proto.leadCost.hasDefaultCost ? Money(proto: proto.leadCost.defaultCost) : nil,
                                byRecipient: proto.leadCost.byRecipient.mapValues(Money.init(proto:)))
        }
        if validate { try SourceValidator.validate(self, path: path) }
    }

    /// The wire form.
    var proto: Convd_V1_Source {
        var s = Convd_V1_Source()
        s.id = id
        s.name = name
        s.labels = labels
        s.createdAtMs = createdAtMs
        s.updatedAtMs = updatedAtMs
        s.archivedAtMs = archivedAtMs
        if let f = forwarding {
            var w = Convd_V1_ForwardingSettings()
            w.url = f.url
            w.format = f.format.proto
            w.conversions = f.conversions
            w.returns = f.returns
            w.adjustments = f.adjustments
            w.fieldMapping = f.fieldMapping
            w.headers = f.headers
            w.timeoutMs = f.timeoutMs
            w.maxAttempts = f.maxAttempts
            w.successBodyContains = f.successBodyContains
            s.forwarding = w
        }
        switch returnCap {
        case .count(let n): s.returnCap.maxCount = n
        case .shareBasisPoints(let n): s.returnCap.maxShareBps = n
        case nil: break
        }
        if let c = leadCost {
            var w = Convd_V1_LeadCost()
            if let d = c.defaultCost { w.defaultCost = d.proto }
            w.byRecipient = c.byRecipient.mapValues(\.proto)
            s.leadCost = w
        }
        return s
    }
}
