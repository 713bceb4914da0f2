import ConvdProto
import ConvdWire
import Foundation
import NIOCore
import Testing

/// `ResponseFrame` writes the same bytes as serializing the `Response` message, for every shape of
/// reply: call IDs of every varint length (and 0), OK and failed statuses with violations, empty,
/// short and long payloads, final and streaming parts.
struct ResponseFrameTests {
    @Test func framesAreByteForByteTheSerializedResponse() throws {
        var violation = Convd_V1_FieldViolation()
        violation.field = "feedback.amount"
        violation.description_p = "must not be negative"
        let statuses = [Status.ok, Status(.ok, "fine"), Status(.notFound, "no delivery 'E1'"),
                        Status(.invalidArgument, "bad", violations: [violation, violation])]
        let callIDs: [UInt64] = [0, 1, 127, 128, 16_383, 16_384, 1 << 35, .max]
        let payloads: [[UInt8]] = [[], [0], Array(repeating: 7, count: 127), Array(repeating: 9, count: 128),
                                   (0..<70_000).map { UInt8(truncatingIfNeeded: $0) }]
        var checked = 0
        for status in statuses {
            for id in callIDs {
                for payload in payloads {
                    for more in [false, true] {
                        var response = Convd_V1_Response()
                        response.callID = id
                        response.status = status.proto
                        response.payload = Data(payload)
                        response.more = more
                        var expected = ByteBuffer()
                        try expected.writeFrame(response)
                        var written = ByteBuffer()
                        try ResponseFrame.write(callID: id, status: status, payload: payload, more: more, into: &written)
                        #expect(written == expected, "call \(id), \(status), \(payload.count) bytes, more \(more)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == statuses.count * callIDs.count * payloads.count * 2)
    }
}
