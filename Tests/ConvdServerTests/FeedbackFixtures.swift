import ConvdClient
import ConvdProto

/// Builders for the messages the feedback tests send.
enum Fixtures {
    static func recipient(_ id: String, configure: (inout Convd_V1_FeedbackSettings) -> Void = { _ in }) -> Convd_V1_Recipient {
        var r = Convd_V1_Recipient()
        r.id = id
        var f = Convd_V1_FeedbackSettings()
        f.receiveConversions = true
        f.receiveReturns = true
        f.returnWindowDays = 30
        f.defaultMode = .createNew
        for (name, mode) in [("Lead", Convd_V1_ConversionMode.createNew), ("SalesCallScheduled", .createNew),
                             ("QualifiedLead", .update), ("FakeLead", .ignoreDuplicates), ("WonClient", .increment)] {
            var t = Convd_V1_ConversionTypeSetting()
            t.name = name
            t.mode = mode
            f.conversionTypes.append(t)
        }
        configure(&f)
        r.feedback = f
        return r
    }

    /// One rule, `field op values`, as a rule-set node.
    static func rule(_ field: String, _ op: Convd_V1_RuleOperator, _ values: [String]) -> Convd_V1_RuleNode {
        var rule = Convd_V1_Rule()
        rule.field = field
        rule.op = op
        rule.values = values
        var node = Convd_V1_RuleNode()
        node.rule = rule
        return node
    }

    /// `recipient(id)` whose feedback must pass ALL of `rules`.
    static func recipient(_ id: String, allOf rules: [Convd_V1_RuleNode]) -> Convd_V1_Recipient {
        recipient(id) { f in
            f.rules.match = .all
            f.rules.nodes = rules
        }
    }

    /// An amount in minor units.
    static func money(_ minor: Int64, _ currency: String) -> Convd_V1_Money {
        var m = Convd_V1_Money()
        m.amountMinor = minor
        m.currency = currency
        return m
    }

    static func delivery(_ eventID: String = "", recipient: String = "crm-1", source: String = "v-1", click: String = "",
                         deliveredAtMs: Int64 = 0, test: Bool = false) -> Convd_V1_Delivery {
        var d = Convd_V1_Delivery()
        d.eventID = eventID
        d.recipientID = recipient
        d.sourceID = source
        d.clickID = click
        d.deliveredAtMs = deliveredAtMs
        d.test = test
        d.lead = ["email": "a@example.com", "state": "CA"]
        return d
    }

    static func conversion(_ eventID: String, _ type: String, _ minor: Int64? = nil, _ currency: String = "EUR",
                           reason: String = "", occurredAtMs: Int64 = 0) -> Convd_V1_FeedbackReport {
        var f = Convd_V1_FeedbackReport()
        f.eventID = eventID
        f.kind = .conversion
        f.conversionType = type
        f.reason = reason
        f.occurredAtMs = occurredAtMs
        if let minor { f.amount = money(minor, currency) }
        return f
    }

    static func returned(_ eventID: String, reason: String = "Wrong number") -> Convd_V1_FeedbackReport {
        var f = Convd_V1_FeedbackReport()
        f.eventID = eventID
        f.kind = .return
        f.reason = reason
        return f
    }

    static func source(_ id: String = "v-1") -> Convd_V1_Source {
        var s = Convd_V1_Source()
        s.id = id
        return s
    }

    /// A recipient crm-1, a source v-1, and deliveries with the given event IDs.
    static func seed(_ client: ConvdClient, events: [String], configure: (inout Convd_V1_FeedbackSettings) -> Void = { _ in }) async throws {
        _ = try await client.putRecipient(recipient("crm-1", configure: configure))
        _ = try await client.putSource(source())
        for e in events { _ = try await client.recordDelivery(delivery(e)) }
    }
}
