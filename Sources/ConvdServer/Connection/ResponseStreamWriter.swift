import ConvdProto
import NIOCore
import SwiftProtobuf

/// Sends the parts of a server-streaming reply (each with more = true). It waits for each part
/// to be written, so a slow reader slows the stream rather than growing a buffer.
public struct ResponseStreamWriter: Sendable {
    let sendPart: @Sendable (any SwiftProtobuf.Message) async throws -> Void

    /// A writer that hands each part to `send`; the connection makes one per stream, and an
    /// in-process caller (the call-path fuzzer) makes its own.
    public init(_ send: @escaping @Sendable (any SwiftProtobuf.Message) async throws -> Void) {
        sendPart = send
    }

    /// Sends one message of the stream.
    /// - Throws: `CancellationError` when the call was cancelled or the connection closed.
    public func send(_ message: some SwiftProtobuf.Message) async throws {
        try await sendPart(message)
    }
}
