import ConvdProto
import NIOCore
import SwiftProtobuf

/// A `Response` frame written straight into the outgoing buffer around a payload that is already
/// encoded: the method's reply is encoded once and copied once, where building a `Response`
/// copied it into `Data`, then into the envelope's bytes, then into the buffer.
/// The bytes are exactly what `ByteBuffer.writeFrame(_:)` writes for the same `Response`
/// (fields in number order, `status` always present), which `ResponseFrameTests` checks.
public enum ResponseFrame {
    /// Appends one frame: the length prefix and a `Response` with these fields.
    /// - Throws: when `status` cannot be serialized (a well-formed proto3 message always can).
    public static func write(callID: UInt64, status: Status, payload: [UInt8] = [], more: Bool = false,
                             into out: inout ByteBuffer) throws {
        // OK without a message encodes as an empty Status: skip building and serializing one.
        let statusBytes: [UInt8] = status.code == .ok && status.message.isEmpty && status.violations.isEmpty
            ? [] : try status.proto.serializedBytes()
        var length = 1 + varintSize(UInt64(truncatingIfNeeded: statusBytes.count)) + statusBytes.count
        if callID != 0 { length += 1 + varintSize(callID) }
        if !payload.isEmpty { length += 1 + varintSize(UInt64(truncatingIfNeeded: payload.count)) + payload.count }
        if more { length += 2 }
        out.reserveCapacity(minimumWritableBytes: 4 + length)
        out.writeInteger(UInt32(clamping: length))
        if callID != 0 {
            out.writeInteger(0x08 as UInt8)  // field 1, varint
            writeVarint(callID, into: &out)
        }
        out.writeInteger(0x12 as UInt8)  // field 2, length-delimited
        writeVarint(UInt64(truncatingIfNeeded: statusBytes.count), into: &out)
        out.writeBytes(statusBytes)
        if !payload.isEmpty {
            out.writeInteger(0x1A as UInt8)  // field 3, length-delimited
            writeVarint(UInt64(truncatingIfNeeded: payload.count), into: &out)
            out.writeBytes(payload)
        }
        if more {
            out.writeInteger(0x20 as UInt8)  // field 4, varint
            out.writeInteger(1 as UInt8)
        }
    }

    private static func varintSize(_ value: UInt64) -> Int {
        var v = value, n = 1
        while v >= 0x80 { v >>= 7; n += 1 }
        return n
    }

    private static func writeVarint(_ value: UInt64, into out: inout ByteBuffer) {
        var v = value
        while v >= 0x80 {
            out.writeInteger(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.writeInteger(UInt8(truncatingIfNeeded: v))
    }
}
