import ConvdCore
import ConvdProto
import ConvdWire

/// One feedback event as a row of the events view, in words: the same cells for the table the
/// server renders and for the rows the live stream adds.
enum DashboardEventRow {
    static let headers = ["Received (UTC)", "Event", "Recipient", "Source", "Kind", "Type", "Outcome", "Reason", "Conversion"]

    /// The cells of `e`, as text.
    static func cells(_ e: Convd_V1_FeedbackEvent) -> [String] {
        let kind = e.hasAdjustment ? "adjustment" : e.feedback.kind == .return ? "return" : "conversion"
        let why = e.status.code != 0 ? e.status.message : e.detail
        return [ISOTime.string(ms: e.receivedAtMs), e.eventID, e.recipientID, e.sourceID, kind, e.feedback.conversionType,
                OutcomeName.name(e.outcome), why, e.conversionID]
    }

    /// The cells as HTML, the outcome marked success or failure.
    static func html(_ e: Convd_V1_FeedbackEvent) -> [String] {
        var c = cells(e).map(HTMLPage.text)
        c[6] = "<span class=\"\(HTTPReplies.verdict(e.outcome))\">\(c[6])</span>"
        if !e.conversionID.isEmpty { c[8] = "<a href=\"/conversions/\(DashboardEndpoint.percent(e.conversionID))\">\(c[8])</a>" }
        return c
    }

    /// Whether `e` is of conversion type `type` (any case; nil: every event).
    static func matches(_ e: Convd_V1_FeedbackEvent, type: String?) -> Bool {
        type == nil || e.feedback.conversionType.lowercased() == type
    }
}
