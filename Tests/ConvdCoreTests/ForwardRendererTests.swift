import ConvdCore
import Testing

/// Forward bodies exactly as mapped, with each format's escaping.
struct ForwardRendererTests {
    static let values = ForwardValues(
        fixed: ["event_id": "E1", "click_id": "ck 1&x", "type": "WonClient", "amount": "1000.00", "currency": "EUR",
                "reason": #"<Sale> & "done" – café"#],
        lead: ["email": "a+b@example.com"], feedback: ["plan": "pro/max"])

    static func settings(_ format: ForwardingSettings.Format, url: String = "https://t.example/pb",
                         mapping: [String: String] = ["cid": "{click_id}", "why": "{reason}", "who": "lead {lead.email}"]) -> ForwardingSettings {
        ForwardingSettings(url: url, format: format, fieldMapping: mapping, headers: ["X-Api-Key": "k"])
    }

    @Test func jsonEscapesQuotesAndKeepsNonASCII() {
        let r = ForwardRenderer.render(Self.settings(.json), values: Self.values, userAgent: "convd/test")
        #expect(r.method == "POST" && r.contentType == "application/json")
        #expect(String(decoding: r.body, as: UTF8.self)
            == #"{"cid":"ck 1&x","who":"lead a+b@example.com","why":"<Sale> & \"done\" – café"}"#)
        #expect(r.headers == ["X-Api-Key": "k", "User-Agent": "convd/test"])
    }

    @Test func xmlEscapesMarkup() {
        let r = ForwardRenderer.render(Self.settings(.xml), values: Self.values, userAgent: "u")
        #expect(String(decoding: r.body, as: UTF8.self) == #"<?xml version="1.0" encoding="UTF-8"?><feedback>"#
            + "<cid>ck 1&amp;x</cid><who>lead a+b@example.com</who><why>&lt;Sale&gt; &amp; &quot;done&quot; – café</why></feedback>")
    }

    @Test func formPercentEncodesUTF8AndSpaces() {
        let r = ForwardRenderer.render(Self.settings(.form), values: Self.values, userAgent: "u")
        #expect(r.contentType == "application/x-www-form-urlencoded")
        #expect(String(decoding: r.body, as: UTF8.self)
            == "cid=ck+1%26x&who=lead+a%2Bb%40example.com&why=%3CSale%3E+%26+%22done%22+%E2%80%93+caf%C3%A9")
    }

    @Test func getFillsTheTemplateWithURLEncodedValues() {
        let s = Self.settings(.get, url: "https://t.example/postback?cid={click_id}&payout={amount}&plan={feedback.plan}", mapping: [:])
        let r = ForwardRenderer.render(s, values: Self.values, userAgent: "u")
        #expect(r.method == "GET" && r.body.isEmpty)
        #expect(r.url == "https://t.example/postback?cid=ck%201%26x&payout=1000.00&plan=pro%2Fmax")
    }

    @Test func withoutAMappingTheBodyHoldsEveryValue() {
        let r = ForwardRenderer.render(ForwardingSettings(url: "https://t.example"), values: Self.values, userAgent: "u")
        let body = String(decoding: r.body, as: UTF8.self)
        for key in ["amount", "click_id", "currency", "event_id", "reason", "type", "lead.email", "feedback.plan"] {
            #expect(body.contains("\"\(key)\":"), "\(key)")
        }
    }

    @Test(arguments: [(Int64(0), "1970-01-01T00:00:00.000Z"), (1_795_407_421_626, "2026-11-23T04:17:01.626Z"),
                      (951_782_400_000, "2000-02-29T00:00:00.000Z"), (-1, "1969-12-31T23:59:59.999Z")])
    func isoTime(ms: Int64, text: String) {
        #expect(ISOTime.string(ms: ms) == text)
    }
}
