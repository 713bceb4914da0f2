import ConvdProto
import ConvdWire
import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

/// The frame decoder on an EmbeddedChannel: every way bytes can arrive.
struct FrameDecoderTests {
    private func channel(max: Int = 64) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maximumFrameLength: max)))
        return channel
    }

    private func frame(_ body: [UInt8]) -> ByteBuffer {
        var b = ByteBuffer()
        b.writeInteger(UInt32(body.count))
        b.writeBytes(body)
        return b
    }

    private func readFrames(_ channel: EmbeddedChannel) throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        while let f = try channel.readInbound(as: ByteBuffer.self) { out.append(Array(f.readableBytesView)) }
        return out
    }

    @Test func dripFedByteByByteYieldsTheFrameOnlyWhenComplete() throws {
        let channel = try channel()
        let bytes = Array(frame([1, 2, 3, 4, 5]).readableBytesView)
        for (i, byte) in bytes.enumerated() {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
            let frames = try readFrames(channel)
            #expect(frames == (i == bytes.count - 1 ? [[1, 2, 3, 4, 5]] : []))
        }
        #expect(try channel.finish().isClean)
    }

    @Test func coalescedFramesInOneReadAreSplit() throws {
        let channel = try channel()
        var all = frame([1])
        all.writeImmutableBuffer(frame([]))
        all.writeImmutableBuffer(frame([2, 3]))
        try channel.writeInbound(all)
        #expect(try readFrames(channel) == [[1], [], [2, 3]])
    }

    @Test func zeroLengthFrameIsAnEmptyBody() throws {
        let channel = try channel()
        try channel.writeInbound(frame([]))
        #expect(try readFrames(channel) == [[]])
    }

    @Test func frameOfExactlyTheMaximumIsAccepted() throws {
        let channel = try channel(max: 64)
        try channel.writeInbound(frame([UInt8](repeating: 7, count: 64)))
        #expect(try readFrames(channel).first?.count == 64)
    }

    @Test func headerAnnouncingOneByteTooManyIsRefusedBeforeAnyBodyArrives() throws {
        let channel = try channel(max: 64)
        var header = ByteBuffer()
        header.writeInteger(UInt32(65))
        #expect(throws: FrameError.frameTooLarge(length: 65, maximum: 64)) {
            try channel.writeInbound(header)
        }
    }

    @Test func hugeLengthFromGarbageIsRefused() throws {
        let channel = try channel(max: 4 * 1024 * 1024)
        #expect(throws: FrameError.frameTooLarge(length: 0xDEADBEEF, maximum: 4 * 1024 * 1024)) {
            try channel.writeInbound(ByteBuffer(bytes: [0xDE, 0xAD, 0xBE, 0xEF, 0x00]))
        }
    }

    @Test func aTruncatedFrameAtEndOfInputYieldsNothing() throws {
        // Straight to the decoder: decodeLast at EOF gives no frame from the partial one.
        var decoder = FrameDecoder(maximumFrameLength: 64)
        var partial = ByteBuffer(bytes: [0, 0, 0, 10, 1, 2, 3])
        #expect(try decoder.decodeLast(buffer: &partial, seenEOF: true) == nil)
        #expect(partial.readableBytes == 7)
        // Through the handler: the channel closes with no frame passed on and no error.
        let channel = try channel()
        try channel.writeInbound(ByteBuffer(bytes: [0, 0, 0, 10, 1, 2, 3]))
        #expect(try readFrames(channel).isEmpty)
        let left = try channel.finish()
        #expect(left.isClean)
    }

    @Test func everySplitOfTheInputDecodesTheSameFrames() throws {
        // SwiftNIO's verifier feeds each input whole, byte by byte, and in other splits, and checks
        // decodeLast at the end, so no frame depends on how the bytes happened to arrive.
        var three = frame([1, 2, 3])
        three.writeImmutableBuffer(frame([]))
        three.writeImmutableBuffer(frame([9]))
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [
                (frame([1, 2, 3, 4, 5]), [ByteBuffer(bytes: [1, 2, 3, 4, 5])]),
                (frame([]), [ByteBuffer()]),
                (three, [ByteBuffer(bytes: [1, 2, 3]), ByteBuffer(), ByteBuffer(bytes: [9])]),
                (frame([UInt8](repeating: 7, count: 64)), [ByteBuffer(bytes: [UInt8](repeating: 7, count: 64))]),
            ],
            decoderFactory: { FrameDecoder(maximumFrameLength: 64) })
    }

    @Test func encoderWritesLengthThenMessage() throws {
        var request = Convd_V1_Request()
        request.callID = 7
        request.method = "/convd.v1.System/Health"
        var buffer = ByteBuffer()
        try buffer.writeFrame(request)
        let body: [UInt8] = try request.serializedBytes()
        #expect(buffer.readInteger(as: UInt32.self) == UInt32(body.count))
        #expect(Array(buffer.readableBytesView) == body)
    }
}

/// Status codes carry gRPC's numbers and names.
struct StatusCodeTests {
    @Test(arguments: [
        (StatusCode.ok, UInt32(0), "OK"), (.cancelled, 1, "CANCELLED"), (.invalidArgument, 3, "INVALID_ARGUMENT"),
        (.deadlineExceeded, 4, "DEADLINE_EXCEEDED"), (.notFound, 5, "NOT_FOUND"), (.alreadyExists, 6, "ALREADY_EXISTS"),
        (.permissionDenied, 7, "PERMISSION_DENIED"), (.resourceExhausted, 8, "RESOURCE_EXHAUSTED"),
        (.failedPrecondition, 9, "FAILED_PRECONDITION"), (.unimplemented, 12, "UNIMPLEMENTED"),
        (.unavailable, 14, "UNAVAILABLE"), (.unauthenticated, 16, "UNAUTHENTICATED"),
    ])
    func numbersAndNamesMatchGRPC(code: StatusCode, number: UInt32, name: String) {
        #expect(code.rawValue == number)
        #expect(code.name == name)
        #expect(StatusCode(wireValue: number) == code)
    }

    @Test func unknownNumbersReadAsUnknown() {
        #expect(StatusCode(wireValue: 99) == .unknown)
    }
}
