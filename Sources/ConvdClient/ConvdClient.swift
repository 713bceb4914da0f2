import ConvdProto
import ConvdWire
import Foundation
import NIOCore
import NIOPosix
import SwiftProtobuf

/// An async client of convd over its Unix socket. One connection; calls may run concurrently
/// and are pipelined on it, their replies matched by call_id.
public final class ConvdClient: Sendable {
    /// The socket this client talks to.
    public let socketPath: String
    private let channel: any Channel
    private let pending: PendingCalls
    private let localDeadlineGrace: Duration

    /// Connects to convd at `socketPath` (default: `CONVD_SOCKET` or the daemon's default path).
    /// - Parameters:
    ///   - connectTimeout: how long to wait for the daemon to accept.
    ///   - maxFrameLength: replies larger than this are refused.
    ///   - localDeadlineGrace: how long past a call's deadline the client waits for the server's
    ///     own answer before failing the call itself (only a hung or overloaded server is that late;
    ///     such a call's outcome is then unknown).
    /// - Throws: `StatusError(.unavailable)` naming the path when convd cannot be reached.
    public static func connect(
        socketPath: String = DefaultPaths.socketPath, connectTimeout: Duration = .seconds(1),
        maxFrameLength: Int = FrameDecoder.defaultMaximumFrameLength, localDeadlineGrace: Duration = .milliseconds(500),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> ConvdClient {
        let pending = PendingCalls()
        let channel = try await ClientConnection.connect(
            socketPath: socketPath, group: group, timeout: .nanoseconds(Int64(connectTimeout / .nanoseconds(1))),
            maxFrameLength: maxFrameLength, pending: pending)
        return ConvdClient(socketPath: socketPath, channel: channel, pending: pending, localDeadlineGrace: localDeadlineGrace)
    }

    private init(socketPath: String, channel: any Channel, pending: PendingCalls, localDeadlineGrace: Duration) {
        self.socketPath = socketPath
        self.channel = channel
        self.pending = pending
        self.localDeadlineGrace = localDeadlineGrace
    }

    /// Closes the connection; calls still waiting fail with UNAVAILABLE.
    public func close() async {
        try? await channel.close()
    }

    /// Calls a unary method and decodes its reply.
    /// - Parameters:
    ///   - timeout: the call's deadline, enforced by the server (and locally, a little later, in case the server hangs).
    ///   - idempotencyKey: a retried call with the same key is answered with the first answer.
    /// - Throws: `StatusError` with the server's code and message; CANCELLED when the task is cancelled.
    public func call<Res: SwiftProtobuf.Message>(
        _ method: MethodName, _ request: some SwiftProtobuf.Message, returning _: Res.Type = Res.self,
        timeout: Duration? = nil, idempotencyKey: String = ""
    ) async throws -> Res {
        let id = pending.nextID()
        let envelope = try makeRequest(id, method, request, timeout: timeout, idempotencyKey: idempotencyKey)
        let payload: Data = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Data, any Error>) in
                if let closed = pending.register(id, .unary(c)) { return c.resume(throwing: closed) }
                send(envelope, id: id)
                if let timeout { armLocalDeadline(id, timeout) }
            }
        } onCancel: {
            cancel(id)
        }
        do {
            return try Res(serializedBytes: payload)
        } catch {
            throw StatusError(.internal, "reply to \(method) is not a valid \(Res.protoMessageName): \(error)")
        }
    }

    /// Calls a server-streaming method; the stream ends when the server ends it, and cancelling
    /// the consuming task cancels the call.
    public func stream<Res: SwiftProtobuf.Message>(
        _ method: MethodName, _ request: some SwiftProtobuf.Message, returning _: Res.Type = Res.self
    ) throws -> AsyncThrowingStream<Res, any Error> {
        let id = pending.nextID()
        let envelope = try makeRequest(id, method, request, timeout: nil, idempotencyKey: "")
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Res.self)
        continuation.onTermination = { [weak self] reason in
            if case .cancelled = reason { self?.cancel(id) }
        }
        let waiter = PendingCalls.Waiter.stream(
            yield: { data in
                do {
                    continuation.yield(try Res(serializedBytes: data))
                } catch {
                    continuation.finish(throwing: StatusError(.internal, "stream part is not a valid \(Res.protoMessageName)"))
                }
            },
            finish: { error in continuation.finish(throwing: error) })
        if let closed = pending.register(id, waiter) {
            continuation.finish(throwing: closed)
        } else {
            send(envelope, id: id)
        }
        return stream
    }

    private func makeRequest(_ id: UInt64, _ method: MethodName, _ request: some SwiftProtobuf.Message,
                             timeout: Duration?, idempotencyKey: String) throws -> Convd_V1_Request {
        var r = Convd_V1_Request()
        r.callID = id
        r.method = method.fullName
        r.payload = try request.serializedData()
        r.idempotencyKey = idempotencyKey
        if let timeout { r.timeoutMs = UInt32(min(Double(UInt32.max), max(1, (timeout / .milliseconds(1)).rounded(.up)))) }
        return r
    }

    private func send(_ envelope: Convd_V1_Request, id: UInt64) {
        let pending = self.pending
        let path = socketPath
        channel.writeAndFlush(envelope).whenFailure { error in
            pending.fail(id: id, StatusError(.unavailable, "cannot send to convd at \(path): \(error)"))
        }
    }

    private func cancel(_ id: UInt64) {
        pending.fail(id: id, StatusError(.cancelled, "call \(id) cancelled"))
        var r = Convd_V1_Request()
        r.callID = id
        r.cancel = true
        channel.writeAndFlush(r, promise: nil)
    }

    private func armLocalDeadline(_ id: UInt64, _ timeout: Duration) {
        // The server answers DEADLINE_EXCEEDED itself; this only covers a server that hangs.
        let pending = self.pending
        let grace = Int64((timeout + localDeadlineGrace) / .milliseconds(1))
        channel.eventLoop.scheduleTask(in: .milliseconds(grace)) {
            pending.fail(id: id, StatusError(.deadlineExceeded, "no reply to call \(id) within its deadline"))
        }
    }
}
