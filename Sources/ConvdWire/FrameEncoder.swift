import NIOCore
import SwiftProtobuf

/// Writes protobuf messages as frames: a 4-byte big-endian length, then the serialized bytes.
public struct FrameEncoder<Message: SwiftProtobuf.Message>: MessageToByteEncoder {
    /// The message written as one frame.
    public typealias OutboundIn = Message

    /// Creates an encoder.
    public init() {}

    /// Appends `data` as one frame to `out`.
    /// - Throws: when the message cannot be serialized (it always can for well-formed proto3).
    public func encode(data: Message, out: inout ByteBuffer) throws {
        try out.writeFrame(data)
    }
}

extension ByteBuffer {
    /// Appends `message` as one length-prefixed frame.
    /// - Throws: when the message cannot be serialized.
    public mutating func writeFrame(_ message: some SwiftProtobuf.Message) throws {
        let bytes: [UInt8] = try message.serializedBytes()
        reserveCapacity(minimumWritableBytes: 4 + bytes.count)
        writeInteger(UInt32(clamping: bytes.count))
        writeBytes(bytes)
    }
}
