import ConvdCore
import ConvdProto

extension Recipient {
    /// Reads and validates a recipient from the wire. An absent `feedback` takes the defaults.
    /// - Throws: `invalidArgument` naming every bad field.
    init(proto: Convd_V1_Recipient, path: String, validate: Bool = true) throws(ConvdError) {
        var v = ViolationCollector()
        var settings = FeedbackSettings.defaults
        if proto.hasFeedback {
            let f = proto.feedback
            var types: [ConversionTypeSetting] = []
            for (i, t) in f.conversionTypes.enumerated() {
                guard let mode = ConversionMode(proto: t.mode) else {
                    v.add("\(path).feedback.conversion_types[\(i)].mode", "mode is required")
                    continue
                }
                let negative: Bool? = switch t.polarity {
                case .positive: false
                case .negative: true
                case .unspecified, .UNRECOGNIZED: nil
                }
                types.append(ConversionTypeSetting(name: t.name, mode: mode, duplicateWindowSeconds: t.duplicateWindowSeconds,
                                                   negative: negative))
            }
            let defaultMode: ConversionMode? =
                f.strictTypes ? nil : (ConversionMode(proto: f.defaultMode) ?? .createNew)
            if case .UNRECOGNIZED(let n) = f.defaultMode { v.add("\(path).feedback.default_mode", "unknown mode \(n)") }
            settings = FeedbackSettings(
                receiveConversions: f.receiveConversions, receiveReturns: f.receiveReturns,
                returnWindowDays: f.returnWindowDays, conversionTypes: types, defaultMode: defaultMode,
                rules: f.hasRules ? RuleSet(proto: f.rules, path: "\(path).feedback.rules", violations: &v) : nil,
                allowedReturnReasons: f.allowedReturnReasons)
        }
        try v.throwIfAny()
        self.init(id: proto.id, name: proto.name, feedback: settings, labels: proto.labels)
        if validate { try RecipientValidator.validate(self, path: path) }
    }

    /// The wire form.
    var proto: Convd_V1_Recipient {
        var r = Convd_V1_Recipient()
        r.id = id
        r.name = name
        r.labels = labels
        r.createdAtMs = createdAtMs
        r.updatedAtMs = updatedAtMs
        r.archivedAtMs = archivedAtMs
        var f = Convd_V1_FeedbackSettings()
        f.receiveConversions = feedback.receiveConversions
        f.receiveReturns = feedback.receiveReturns
        f.returnWindowDays = feedback.returnWindowDays
        f.conversionTypes = feedback.conversionTypes.map { t in
            var w = Convd_V1_ConversionTypeSetting()
            w.name = t.name
            w.mode = t.mode.proto
            w.duplicateWindowSeconds = t.duplicateWindowSeconds
            w.polarity = t.isNegative ? .negative : .positive
            return w
        }
        f.strictTypes = feedback.defaultMode == nil
        f.defaultMode = feedback.defaultMode?.proto ?? .unspecified
        if let rules = feedback.rules { f.rules = rules.proto }
        f.allowedReturnReasons = feedback.allowedReturnReasons
        r.feedback = f
        return r
    }
}
