import ConvdClient
import ConvdProto
import ConvdServer
import ConvdTestSupport
import ConvdWire
import Foundation
import Testing

/// Bytes on a real socket to a real server: the framing contract of DESIGN.md.
struct FramingTests {
    static func request(_ id: UInt64, _ method: MethodName, _ payload: some SwiftProtobufMessage = Convd_V1_HealthRequest(),
                        key: String = "") throws -> [UInt8] {
        var r = Convd_V1_Request()
        r.callID = id
        r.method = method.fullName
        r.payload = try payload.serializedData()
        r.idempotencyKey = key
        return try r.serializedBytes()
    }

    static func response(_ socket: RawSocket) throws -> Convd_V1_Response {
        guard let body = socket.readFrame() else { throw DaemonError.closed }
        return try Convd_V1_Response(serializedBytes: body)
    }

    /// Health still answers on a fresh connection: the daemon survived.
    static func expectStillServing(_ server: RunningServer) async throws {
        let client = try await server.client()
        #expect(try await client.health().status == "SERVING")
        await client.close()
    }

    @Test func splitFramesByteByByteAndCoalescedFramesAreAnswered() async throws {
        try await TestServer().run { server in
            let socket = try RawSocket(path: server.socketPath)
            for byte in RawSocket.frame(try Self.request(1, Methods.health)) {
                socket.write([byte])
            }
            #expect(try Self.response(socket).callID == 1)
            let three = try [2, 3, 4].flatMap { RawSocket.frame(try Self.request($0, Methods.health)) }
            socket.write(three)
            let ids = try (0..<3).map { _ in try Self.response(socket).callID }
            #expect(Set(ids) == [2, 3, 4])
        }
    }

    @Test func zeroLengthFrameIsAnEmptyRequestRefusedWithoutClosing() async throws {
        try await TestServer().run { server in
            let socket = try RawSocket(path: server.socketPath)
            socket.writeFrame([])
            let reply = try Self.response(socket)
            #expect(reply.callID == 0)
            #expect(reply.status.code == StatusCode.invalidArgument.rawValue)
            #expect(reply.status.message.contains("call_id"))
            socket.writeFrame(try Self.request(9, Methods.health))
            #expect(try Self.response(socket).status.code == 0)
        }
    }

    @Test func frameOfExactlyTheMaximumIsServedAndOneMoreIsRefusedWithoutItsBody() async throws {
        var limits = ServerConfiguration.Limits()
        limits.maxFrameLength = 2048
        try await TestServer(limits: limits).run { server in
            // A valid request padded (through an unknown field of its payload, which a decoder keeps
            // and ignores) to exactly the maximum. Idempotency keys are capped at 200 bytes.
            func padded(_ n: Int) throws -> [UInt8] {
                var r = Convd_V1_Request()
                r.callID = 1
                r.method = Methods.health.fullName
                var payload: [UInt8] = [0x7A]  // field 15, length-delimited
                var len = n
                while len >= 0x80 { payload.append(UInt8(len & 0x7F) | 0x80); len >>= 7 }
                payload.append(UInt8(len))
                r.payload = Data(payload + [UInt8](repeating: 0x6B, count: n))
                return try r.serializedBytes()
            }
            var padLength = 0
            var body = try padded(0)
            while body.count < 2048 {
                padLength += 1
                body = try padded(padLength)
            }
            #expect(body.count == 2048)
            let socket = try RawSocket(path: server.socketPath)
            socket.writeFrame(body)
            #expect(try Self.response(socket).status.code == 0)

            // Only the header of an oversized frame: the refusal comes without the body being sent.
            let big = try RawSocket(path: server.socketPath)
            big.write([0, 0, 0x08, 0x01])  // 2049
            let refusal = try Self.response(big)
            #expect(refusal.callID == 0)
            #expect(refusal.status.code == StatusCode.resourceExhausted.rawValue)
            #expect(refusal.status.message == "frame of 2049 bytes exceeds the maximum of 2048 bytes")
            #expect(big.isClosedByPeer())
            try await Self.expectStillServing(server)
        }
    }

    @Test func garbageEnvelopeGetsInvalidArgumentAndTheConnectionCloses() async throws {
        try await TestServer().run { server in
            let socket = try RawSocket(path: server.socketPath)
            socket.writeFrame([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01])
            let reply = try Self.response(socket)
            #expect(reply.callID == 0)
            #expect(reply.status.code == StatusCode.invalidArgument.rawValue)
            #expect(reply.status.message.hasPrefix("frame is not a valid envelope"))
            #expect(socket.isClosedByPeer())
            try await Self.expectStillServing(server)
        }
    }

    @Test func truncatedFrameThenDisconnectLeavesTheServerServing() async throws {
        try await TestServer().run { server in
            let socket = try RawSocket(path: server.socketPath)
            socket.write([0, 0, 0, 100, 1, 2, 3])
            socket.shutdownWrite()
            #expect(socket.isClosedByPeer())
            try await Self.expectStillServing(server)
        }
    }

    @Test func undecodablePayloadFailsOnlyThatCall() async throws {
        try await TestServer().run { server in
            let socket = try RawSocket(path: server.socketPath)
            var bad = Convd_V1_Request()
            bad.callID = 5
            bad.method = Methods.getRecipient.fullName
            bad.payload = Data([0x0A, 0xFF])  // field 1, length 255, but no bytes follow
            socket.writeFrame(try bad.serializedBytes())
            let reply = try Self.response(socket)
            #expect(reply.callID == 5)
            #expect(reply.status.code == StatusCode.invalidArgument.rawValue)
            #expect(reply.status.message.contains("/convd.v1.Recipients/Get"))
            socket.writeFrame(try Self.request(6, Methods.health))
            #expect(try Self.response(socket).callID == 6)
        }
    }

    @Test func unknownMethodIsUnimplemented() async throws {
        try await TestServer().run { server in
            let client = try await server.client()
            await #expect(throws: StatusError(.unimplemented, "unknown method '/convd.v1.Nope/Nothing'")) {
                let _: Convd_V1_HealthResponse = try await client.call(
                    MethodName(service: "Nope", method: "Nothing"), Convd_V1_HealthRequest())
            }
            await client.close()
        }
    }

    @Test func hundredPipelinedCallsInOneWriteAreEachAnsweredByCallID() async throws {
        try await TestServer().run { server in
            let client = try await server.client()
            for i in 0..<10 {
                var r = Convd_V1_Recipient()
                r.id = "crm-\(i)"
                r.name = "Recipient \(i)"
                _ = try await client.putRecipient(r)
            }
            await client.close()
            // Calls 1...100 asking for crm-0...crm-19: even ids exist below 10, the rest are NOT_FOUND.
            let socket = try RawSocket(path: server.socketPath)
            var bytes: [UInt8] = []
            for id in 1...100 {
                var get = Convd_V1_GetRecipientRequest()
                get.id = "crm-\(id % 20)"
                bytes += RawSocket.frame(try Self.request(UInt64(id), Methods.getRecipient, get))
            }
            socket.write(bytes)
            var seen = Set<UInt64>()
            for _ in 1...100 {
                let reply = try Self.response(socket)
                #expect(seen.insert(reply.callID).inserted)
                let n = Int(reply.callID) % 20
                if n < 10 {
                    #expect(reply.status.code == 0)
                    let got = try Convd_V1_GetRecipientResponse(serializedBytes: reply.payload)
                    #expect(got.recipient.name == "Recipient \(n)")
                } else {
                    #expect(reply.status.code == StatusCode.notFound.rawValue)
                    #expect(reply.status.message == "no recipient 'crm-\(n)'")
                }
            }
            #expect(seen == Set(1...100))
        }
    }
}

/// Short name for the generated messages' protocol.
typealias SwiftProtobufMessage = SwiftProtobuf.Message
import SwiftProtobuf

extension DaemonError {
    static var closed: DaemonError { DaemonError(description: "connection closed") }
}
