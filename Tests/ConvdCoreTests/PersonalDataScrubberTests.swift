import ConvdCore
import Testing

/// The scrubber finds a lead's values in every escaping a forward template gives them, and leaves
/// short values and the text around them alone.
struct PersonalDataScrubberTests {
    let scrubber = PersonalDataScrubber(values: ["zoë o'hara@example.com", "CA", "+1 555 0100"])

    @Test func everyEscapingOfAValueIsReplaced() {
        let value = "zoë o'hara@example.com"
        for spelling in [value, Escape.url(value), Escape.form(value), Escape.xml(value), String(Escape.json(value).dropFirst().dropLast())] {
            #expect(scrubber.scrub("mail=\(spelling)&amount=1000") == "mail=ERASED&amount=1000", "\(spelling)")
        }
        #expect(scrubber.scrub("tel=%2B1+555+0100&x=1") == "tel=ERASED&x=1")
    }

    @Test func shortValuesAreNotSearchedAndOtherTextStays() {
        #expect(scrubber.scrub("state=CA&currency=CAD") == "state=CA&currency=CAD")
        #expect(PersonalDataScrubber(values: ["CA", "42"]).isEmpty)
        #expect(scrubber.scrub("nothing personal") == "nothing personal")
    }

    @Test func aRequestLosesTheValuesInItsURLBodyAndHeaders() {
        let request = ForwardRequest(method: "POST", url: "https://t.example/pb?m=\(Escape.url("+1 555 0100"))&cid=abc",
                                     contentType: "application/json", body: Array(#"{"mail":"zoë o'hara@example.com","payout":"10.00"}"#.utf8),
                                     headers: ["X-Lead": "+1 555 0100", "X-Api-Key": "k"])
        let scrubbed = scrubber.scrub(request)
        #expect(scrubbed.url == "https://t.example/pb?m=ERASED&cid=abc")
        #expect(String(decoding: scrubbed.body, as: UTF8.self) == #"{"mail":"ERASED","payout":"10.00"}"#)
        #expect(scrubbed.headers == ["X-Lead": "ERASED", "X-Api-Key": "k"])
    }
}
