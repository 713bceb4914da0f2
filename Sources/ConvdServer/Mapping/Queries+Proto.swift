import ConvdCore
import ConvdProto
import ConvdWire
import Logging

extension ConversionFilter {
    init(proto f: Convd_V1_ConversionFilter) throws(ConvdError) {
        self.init()
        recipientID = f.recipientID
        sourceID = f.sourceID
        conversionType = f.conversionType
        clickID = f.clickID
        eventID = f.eventID
        for (i, s) in f.statuses.enumerated() {
            guard let status = ConversionStatus(proto: s) else { throw .invalid(field: "filter.statuses[\(i)]", "unknown status") }
            statuses.append(status)
        }
        try Self.checkRange(from: f.fromMs, to: f.toMs, path: "filter")
        fromMs = f.fromMs
        toMs = f.toMs
        includeTest = f.includeTest
    }
}

extension ConversionFilter {
    /// Checks a from/to pair of time bounds (0: unbounded). - Throws: `invalidArgument` naming the field.
    static func checkRange(from: Int64, to: Int64, path: String) throws(ConvdError) {
        var v = ViolationCollector()
        let prefix = path.isEmpty ? "" : path + "."
        InputBounds.checkTimeBound(from, field: prefix + "from_ms", into: &v)
        InputBounds.checkTimeBound(to, field: prefix + "to_ms", into: &v)
        if from > 0 && to > 0 && from >= to { v.add(prefix + "to_ms", "must be after from_ms") }
        try v.throwIfAny()
    }
}

extension EventFilter {
    init(proto f: Convd_V1_EventFilter) throws(ConvdError) {
        self.init()
        for (i, o) in f.outcomes.enumerated() {
            guard let outcome = FeedbackOutcome(proto: o) else { throw .invalid(field: "filter.outcomes[\(i)]", "unknown outcome") }
            outcomes.append(outcome)
        }
        recipientID = f.recipientID
        sourceID = f.sourceID
        try ConversionFilter.checkRange(from: f.fromMs, to: f.toMs, path: "filter")
        fromMs = f.fromMs
        toMs = f.toMs
    }
}

extension StatsRow {
    /// The wire row, with the spend figures computed from it.
    /// - Throws: `failedPrecondition` when a figure does not fit in Int64.
    func proto() throws(ConvdError) -> Convd_V1_StatsRow {
        var r = Convd_V1_StatsRow()
        r.group = group
        r.subgroup = subgroup
        r.deliveries = deliveries
        r.conversions = conversions
        r.conversionRate = conversionRate
        r.approvedValue = approvedValue.map(\.proto)
        r.pendingValue = pendingValue.map(\.proto)
        r.pendingConversions = pendingConversions
        r.rejectedConversions = rejectedConversions
        r.retractedConversions = retractedConversions
        r.returns = returns
        r.returnRate = returnRate
        r.rejectedFeedback = rejectedFeedback
        r.convertedDeliveries = convertedDeliveries
        r.flagged = flagged
        r.cost = cost.map(\.proto)
        r.credits = credits.map(\.proto)
        let figures = try SpendFigures(row: self)
        r.netSpend = figures.netSpend.map(\.proto)
        r.profit = figures.profit.map(\.proto)
        r.roi = figures.roi.map(\.proto)
        r.costPerAcquisition = figures.costPerAcquisition.map(\.proto)
        r.earningsPerLead = figures.earningsPerLead.map(\.proto)
        r.returnRateByValue = figures.returnRateByValue.map(\.proto)
        r.roiNote = figures.roiNote
        return r
    }
}

extension FeedbackEvent {
    func proto(logger: Logger) -> Convd_V1_FeedbackEvent {
        var e = Convd_V1_FeedbackEvent()
        e.seq = UInt64(clamping: seq)
        e.receivedAtMs = receivedAtMs
        if let input { e.feedback = input.proto }
        if let adjustment { e.adjustment = adjustment.proto }
        e.outcome = outcome.proto
        e.status = (error.map { StatusMapping.status(for: $0, logger: logger) } ?? .ok).proto
        e.detail = error == nil ? detail : ""
        e.conversionID = conversionID
        e.recipientID = recipientID
        e.sourceID = sourceID
        e.eventID = eventID
        e.test = test
        e.idempotencyKey = idempotencyKey
        return e
    }
}

extension SpendFigures.Ratio {
    var proto: Convd_V1_CurrencyRatio {
        var r = Convd_V1_CurrencyRatio()
        r.currency = currency
        r.value = value
        return r
    }
}
