@testable import ConvdServer
import Testing

/// What readers see of a forward's body: secret-looking fields masked, everything else as sent.
struct ForwardBodyMaskTests {
    @Test func jsonAndFormSecretsAreMaskedAndTheRestIsKept() {
        let json = ForwardBodyMask.masked(Array(#"{"api_key":"s3cret","amount":"12.50","event":"E1"}"#.utf8), contentType: "application/json")
        #expect(json == #"{"amount":"12.50","api_key":"****","event":"E1"}"#)
        let plain = #"{"amount":"12.50"}"#
        #expect(ForwardBodyMask.masked(Array(plain.utf8), contentType: "application/json") == plain)
        let form = ForwardBodyMask.masked(Array("event=E1&token=abc&amount=12.50".utf8), contentType: "application/x-www-form-urlencoded")
        #expect(form == "event=E1&token=****&amount=12.50")
        let xml = "<x><token>abc</token></x>"
        #expect(ForwardBodyMask.masked(Array(xml.utf8), contentType: "application/xml") == xml)
    }
}
