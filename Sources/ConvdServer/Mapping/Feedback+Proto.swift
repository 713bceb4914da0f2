import ConvdCore
import ConvdProto
import ConvdWire

extension FeedbackInput {
    /// Reads and checks a feedback. - Throws: `invalidArgument` naming every bad field under `path`.
    init(proto f: Convd_V1_FeedbackReport, path: String) throws(ConvdError) {
        let target: Target
        switch f.target {
        case .eventID(let id)?: target = .eventID(id)
        case .click(let c)?: target = .click(clickID: c.clickID, recipientID: c.recipientID)
        case nil: throw .invalid(field: "\(path).target", "give event_id or click")
        }
        let kind: Kind
        switch f.kind {
        case .conversion: kind = .conversion
        case .return: kind = .return
        default: throw .invalid(field: "\(path).kind", "must be CONVERSION or RETURN")
        }
        if case .UNRECOGNIZED(let n) = f.status { throw .invalid(field: "\(path).status", "unknown status \(n)") }
        self.init(target: target, kind: kind, conversionType: f.conversionType, reason: f.reason,
                  amount: f.hasAmount ? Money(proto: f.amount) : nil, fields: f.fields, transactionID: f.transactionID,
                  status: ConversionStatus(proto: f.status) ?? .approved, occurredAtMs: f.occurredAtMs)
        try validate(path: path)
    }

    var proto: Convd_V1_FeedbackReport {
        var f = Convd_V1_FeedbackReport()
        switch target {
        case .eventID(let id): f.eventID = id
        case .click(let click, let recipient):
            var c = Convd_V1_ClickRef()
            c.clickID = click
            c.recipientID = recipient
            f.click = c
        }
        f.kind = kind == .conversion ? .conversion : .return
        f.conversionType = conversionType
        f.reason = reason
        if let amount { f.amount = amount.proto }
        f.fields = fields
        f.transactionID = transactionID
        f.status = status.proto
        f.occurredAtMs = occurredAtMs
        return f
    }
}

extension AdjustmentInput {
    /// Reads and checks an adjustment; `kind` overrides the request's (Retract).
    init(proto a: Convd_V1_AdjustRequest, kind forced: Kind? = nil) throws(ConvdError) {
        let target: Target
        switch a.target {
        case .conversionID(let id)? where !id.isEmpty: target = .conversionID(id)
        case .key(let k)?:
            guard !k.recipientID.isEmpty, !k.conversionType.isEmpty, !k.attributionID.isEmpty else {
                throw .invalid(field: "key", "needs recipient_id, conversion_type and attribution_id")
            }
            target = .key(recipientID: k.recipientID, conversionType: k.conversionType, attributionID: k.attributionID)
        case .transaction(let t)?:
            guard !t.recipientID.isEmpty, !t.transactionID.isEmpty else {
                throw .invalid(field: "transaction", "needs recipient_id and transaction_id")
            }
            target = .transaction(recipientID: t.recipientID, transactionID: t.transactionID)
        default: throw .invalid(field: "target", "give conversion_id, key or transaction")
        }
        let kind: Kind
        switch forced {
        case let k?: kind = k
        case nil:
            switch a.kind {
            case .retract: kind = .retract
            case .restate: kind = .restate
            case .approve: kind = .approve
            case .reject: kind = .reject
            default: throw .invalid(field: "kind", "must be RETRACT, RESTATE, APPROVE or REJECT")
            }
        }
        var v = ViolationCollector()
        if kind == .restate && !a.hasAmount { v.add("amount", "RESTATE needs the new amount") }
        if a.hasAmount { InputBounds.checkAmount(Money(proto: a.amount), field: "amount", into: &v) }
        if a.reason.count > InputBounds.maxReasonLength {
            v.add("reason", "must be at most \(InputBounds.maxReasonLength) characters")
        }
        InputBounds.checkTime(a.occurredAtMs, field: "occurred_at_ms", into: &v)
        try v.throwIfAny()
        self.init(target: target, kind: kind, amount: a.hasAmount ? Money(proto: a.amount) : nil, reason: a.reason,
                  occurredAtMs: a.occurredAtMs)
    }

    var proto: Convd_V1_AdjustRequest {
        var a = Convd_V1_AdjustRequest()
        switch target {
        case .conversionID(let id): a.conversionID = id
        case .key(let r, let t, let at):
            var k = Convd_V1_ConversionKey()
            k.recipientID = r
            k.conversionType = t
            k.attributionID = at
            a.key = k
        case .transaction(let r, let t):
            var x = Convd_V1_TransactionRef()
            x.recipientID = r
            x.transactionID = t
            a.transaction = x
        }
        a.kind = switch kind {
        case .retract: .retract
        case .restate: .restate
        case .approve: .approve
        case .reject: .reject
        }
        if let amount { a.amount = amount.proto }
        a.reason = reason
        a.occurredAtMs = occurredAtMs
        return a
    }
}

extension Conversion {
    var proto: Convd_V1_Conversion {
        var c = Convd_V1_Conversion()
        c.id = id
        c.recipientID = recipientID
        c.sourceID = sourceID
        c.conversionType = conversionType
        c.attributionID = attributionID
        c.eventID = eventID
        c.clickID = clickID
        c.mode = mode.proto
        c.status = status.proto
        c.reason = reason
        if let amount { c.amount = amount.proto }
        c.fields = fields
        c.transactionID = transactionID
        c.version = UInt32(clamping: version)
        c.postbackCount = UInt32(clamping: postbackCount)
        c.test = test
        c.createdAtMs = createdAtMs
        c.updatedAtMs = updatedAtMs
        c.occurredAtMs = occurredAtMs
        if let approvedAmount { c.approvedAmount = approvedAmount.proto }
        if let pendingAmount { c.pendingAmount = pendingAmount.proto }
        c.negative = negative
        return c
    }
}

extension Instalment {
    var proto: Convd_V1_Instalment {
        var i = Convd_V1_Instalment()
        i.number = UInt32(clamping: number)
        i.transactionID = transactionID
        if let amount { i.amount = amount.proto }
        i.status = status.proto
        i.occurredAtMs = occurredAtMs
        i.recordedAtMs = recordedAtMs
        i.version = UInt32(clamping: version)
        return i
    }
}

extension ConversionVersion {
    var proto: Convd_V1_ConversionVersion {
        var v = Convd_V1_ConversionVersion()
        v.version = UInt32(clamping: version)
        v.status = status.proto
        v.reason = reason
        if let amount { v.amount = amount.proto }
        v.fields = fields
        v.transactionID = transactionID
        v.postbackCount = UInt32(clamping: postbackCount)
        v.occurredAtMs = occurredAtMs
        v.recordedAtMs = recordedAtMs
        v.cause = cause.proto
        v.actor = actor
        v.eventSeq = UInt64(clamping: eventSeq)
        return v
    }
}

extension FeedbackResult {
    var proto: Convd_V1_FeedbackResult {
        var r = Convd_V1_FeedbackResult()
        r.outcome = outcome.proto
        if let conversion { r.conversion = conversion.proto }
        r.detail = detail
        r.eventSeq = UInt64(clamping: eventSeq)
        r.status = Status.ok.proto
        return r
    }
}
