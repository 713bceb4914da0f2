import NIOCore

/// Splits a byte stream into frames: a 4-byte big-endian length N, then N bytes.
/// The length is checked against the maximum before any of the body is awaited, so an oversized
/// frame is refused without being buffered.
public struct FrameDecoder: NIOSingleStepByteToMessageDecoder {
    /// One frame's payload, without its length prefix.
    public typealias InboundOut = ByteBuffer

    /// Default largest frame body accepted: 4 MiB.
    public static let defaultMaximumFrameLength = 4 * 1024 * 1024

    /// Largest frame body accepted, in bytes.
    public let maximumFrameLength: Int

    /// Creates a decoder refusing frames longer than `maximumFrameLength`.
    public init(maximumFrameLength: Int = FrameDecoder.defaultMaximumFrameLength) {
        self.maximumFrameLength = maximumFrameLength
    }

    /// Returns the next whole frame body, or nil when more bytes are needed.
    /// - Throws: `FrameError.frameTooLarge` as soon as a header announces too many bytes.
    public mutating func decode(buffer: inout ByteBuffer) throws -> ByteBuffer? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        guard Int(clamping: length) <= maximumFrameLength else {
            throw FrameError.frameTooLarge(length: Int(clamping: length), maximum: maximumFrameLength)
        }
        guard buffer.readableBytes >= 4 + Int(clamping: length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 4)
        return buffer.readSlice(length: Int(clamping: length))
    }

    /// At end of input a partial frame is simply dropped: the peer went away mid-frame.
    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> ByteBuffer? {
        try decode(buffer: &buffer)
    }
}
