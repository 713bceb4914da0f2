import ConvdCore
import ConvdProto

extension Delivery {
    /// Reads and checks a delivery to record. - Throws: `invalidArgument` naming every bad field.
    init(proto d: Convd_V1_Delivery, path: String) throws(ConvdError) {
        var v = ViolationCollector()
        if d.eventID.count > 128 { v.add("\(path).event_id", "must be at most 128 characters") }
        if d.eventID.contains(where: { $0.isWhitespace }) { v.add("\(path).event_id", "must not contain white space") }
        if let p = Slug.problem(d.recipientID) { v.add("\(path).recipient_id", p) }
        if let p = Slug.problem(d.sourceID) { v.add("\(path).source_id", p) }
        if d.clickID.count > 256 { v.add("\(path).click_id", "must be at most 256 characters") }
        InputBounds.checkMap(d.lead, field: "\(path).lead", into: &v)
        InputBounds.checkTime(d.deliveredAtMs, field: "\(path).delivered_at_ms", into: &v)
        if d.hasCost { InputBounds.checkAmount(Money(proto: d.cost), field: "\(path).cost", into: &v) }
        try v.throwIfAny()
        self.init(eventID: d.eventID, recipientID: d.recipientID, sourceID: d.sourceID, clickID: d.clickID, lead: d.lead,
                  test: d.test, deliveredAtMs: d.deliveredAtMs)
        if d.hasCost { cost = Money(proto: d.cost) }
    }

    var proto: Convd_V1_Delivery {
        var d = Convd_V1_Delivery()
        d.eventID = eventID
        d.recipientID = recipientID
        d.sourceID = sourceID
        d.clickID = clickID
        d.lead = lead
        d.test = test
        d.deliveredAtMs = deliveredAtMs
        d.recordedAtMs = recordedAtMs
        d.erasedAtMs = erasedAtMs
        if let cost { d.cost = cost.proto }
        return d
    }
}

extension CostVersion {
    var proto: Convd_V1_CostVersion {
        var v = Convd_V1_CostVersion()
        v.version = UInt32(clamping: version)
        if let cost { v.cost = cost.proto }
        v.reason = reason
        v.actor = actor
        v.atMs = atMs
        return v
    }
}

extension DeliveryReturn {
    var proto: Convd_V1_DeliveryReturn {
        var r = Convd_V1_DeliveryReturn()
        r.eventID = eventID
        r.recipientID = recipientID
        r.sourceID = sourceID
        r.reason = reason
        r.returnedAtMs = returnedAtMs
        if let credit { r.credit = credit.proto }
        r.retractedAtMs = retractedAtMs
        r.retractReason = retractReason
        r.retractedBy = retractedBy
        return r
    }
}
