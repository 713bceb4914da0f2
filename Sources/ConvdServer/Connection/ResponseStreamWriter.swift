import ConvdProto
import NIOCore
import SwiftProtobuf

/// Sends the parts of a server-streaming reply (each with more = true). It waits for each part
/// to be written, so a slow reader slows the stream rather than growing a buffer.
public struct ResponseStreamWriter: Sendable {
    let sendPart: @Sendable (any SwiftProtobuf.Message) async throws -> Void

    /// Sends one message of the stream.
    /// - Throws: `CancellationError` when the call was cancelled or the connection closed.
    public func send(_ message: some SwiftProtobuf.Message) async throws {
        try await sendPart(message)
    }
}
