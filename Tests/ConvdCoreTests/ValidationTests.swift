import ConvdCore
import Testing

/// Slugs, recipients and sources are refused with the bad field named.
struct ValidationTests {
    @Test(arguments: [
        ("crm-1", nil), ("a", nil), ("vendor_9", nil), ("", "is required"), ("Crm", "must start"),
        ("-x", "must start"), ("a b", "may hold only"), ("a/b", "may hold only"), (String(repeating: "a", count: 65), "at most 64"),
    ] as [(String, String?)])
    func slugs(value: String, problem: String?) {
        let found = Slug.problem(value)
        if let problem { #expect(found?.contains(problem) == true, "\(value): \(found ?? "nil")") } else { #expect(found == nil) }
    }

    @Test func recipientViolationsNameEveryBadField() {
        var settings = FeedbackSettings.defaults
        settings.conversionTypes.append(.init(name: "lead", mode: .update))  // "Lead" twice, case-insensitively
        settings.conversionTypes.append(.init(name: "X", mode: .createNew, duplicateWindowSeconds: 5))
        settings.rules = RuleSet(match: .all, nodes: [
            .rule(Rule(field: "nonsense", op: .equals, values: ["a"])),
            .rule(Rule(field: "feedback.amount", op: .greaterThan, values: ["ten"])),
            .rule(Rule(field: "feedback.reason", op: .isIn, values: [])),
            .rule(Rule(field: "lead.state", op: .matches, values: ["(unclosed"])),
        ])
        let r = Recipient(id: "Bad Id", feedback: settings)
        do {
            try RecipientValidator.validate(r)
            Issue.record("expected invalid")
        } catch {
            guard case .invalidArgument(_, let violations) = error else { Issue.record("\(error)"); return }
            #expect(Set(violations.map(\.field)) == [
                "recipient.id", "recipient.feedback.conversion_types[7].name",
                "recipient.feedback.conversion_types[8].duplicate_window_seconds",
                "recipient.feedback.rules.nodes[0].rule.field", "recipient.feedback.rules.nodes[1].rule.values[0]",
                "recipient.feedback.rules.nodes[2].rule.values", "recipient.feedback.rules.nodes[3].rule.values[0]",
            ])
        }
    }

    @Test func defaultsAreValid() throws {
        try RecipientValidator.validate(Recipient(id: "crm-1"))
    }

    @Test func sourceForwardingIsChecked() {
        let bad = Source(id: "v-1", forwarding: ForwardingSettings(
            url: "ftp://x", fieldMapping: ["cid": "{click_id}", "x": "{nope}"], headers: ["Bad Header": "v"]),
            returnCap: .shareBasisPoints(20_000))
        do {
            try SourceValidator.validate(bad)
            Issue.record("expected invalid")
        } catch {
            guard case .invalidArgument(_, let violations) = error else { Issue.record("\(error)"); return }
            #expect(Set(violations.map(\.field)) == [
                "source.forwarding.url", "source.forwarding.field_mapping[x]",
                "source.forwarding.headers[Bad Header]", "source.return_cap.max_share_bps",
            ])
        }
        #expect(throws: Never.self) {
            try SourceValidator.validate(Source(id: "v-2", forwarding: ForwardingSettings(
                url: "https://t.example/pb?cid={click_id}&p={amount}", format: .get, fieldMapping: ["e": "{lead.email}"])))
        }
    }

    @Test func placeholdersAreFound() {
        #expect(Placeholder.names(in: "a{b}c{lead.email}{") == ["b", "lead.email"])
        #expect(Placeholder.isKnown("feedback.plan"))
        #expect(!Placeholder.isKnown("lead."))
    }
}
