import ConvdCore
import ConvdProto

extension VendorStatement {
    /// The wire statement.
    var proto: Convd_V1_StatementResponse {
        var r = Convd_V1_StatementResponse()
        r.sourceID = sourceID
        r.month = month
        r.timeZone = timeZone
        r.fromMs = fromMs
        r.toMs = toMs
        r.lines = lines.map(\.proto)
        r.priorPeriod = priorPeriod.map(\.proto)
        r.owed = owed.map(\.proto)
        if let closed { r.closed = closed.proto }
        r.details = details.map(\.proto)
        r.nextPageToken = nextPageToken
        return r
    }
}

extension StatementLine {
    var proto: Convd_V1_StatementLine {
        var l = Convd_V1_StatementLine()
        l.section = switch section {
        case .leads: .leads
        case .returns: .returns
        case .conversions: .conversions
        }
        l.label = label
        l.leadMonth = leadMonth
        l.count = count
        if let amount { l.amount = amount.proto }
        if let pending { l.pending = pending.proto }
        return l
    }
}

extension StatementClose {
    var proto: Convd_V1_StatementClose {
        var c = Convd_V1_StatementClose()
        c.month = month
        c.timeZone = timeZone
        c.closedAtMs = closedAtMs
        c.closedBy = closedBy
        return c
    }
}

extension StatementDetail {
    var proto: Convd_V1_StatementDetail {
        var d = Convd_V1_StatementDetail()
        d.eventID = eventID
        d.recipientID = recipientID
        d.deliveredAtMs = deliveredAtMs
        if let cost { d.cost = cost.proto }
        d.returnReason = returnReason
        d.returnFeedbackSeq = UInt64(clamping: returnFeedbackSeq)
        d.conversionIds = conversionIDs
        d.revenue = revenue.map(\.proto)
        return d
    }
}
