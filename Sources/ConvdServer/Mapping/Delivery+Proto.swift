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
        try v.throwIfAny()
        self.init(eventID: d.eventID, recipientID: d.recipientID, sourceID: d.sourceID, clickID: d.clickID, lead: d.lead,
                  test: d.test, deliveredAtMs: d.deliveredAtMs)
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
        return d
    }
}
