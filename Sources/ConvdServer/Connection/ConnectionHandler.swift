import ConvdCore
import ConvdProto
import ConvdWire
import Foundation
import Logging
import NIOCore
import SwiftProtobuf

/// Serves one connection: decodes each framed `Request`, routes it, and writes each `Response`.
/// All of its state lives on the channel's event loop. A call crosses into Swift concurrency at
/// most once (its task) and back once (`finish`); inline calls never leave the loop.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = Convd_V1_Response

    private struct InFlight {
        var task: Task<Void, Never>?
        var deadline: Scheduled<Void>?
        /// Set when the call was cancelled or expired: the status to answer with once its task has
        /// ended, unless the task reports that its write took effect after all.
        var aborting: Status?
        /// Writes (recorder and admin methods) are answered only once their task has ended, so a
        /// DEADLINE_EXCEEDED is never sent for a write that then commits; reads are answered at once.
        var answersAfterWork = false
    }

    private let router: MethodRouter
    private let activity: ServerActivity
    private let limits: ServerConfiguration.Limits
    private let peer: PeerCredentials
    private let role: Role
    private let logger: Logger
    private var calls: [UInt64: InFlight] = [:]
    private var context: ChannelHandlerContext?
    private var slowReaderDrop: Scheduled<Void>?
    /// Reply bytes queued since the channel went past its high-water mark. Calls already in flight
    /// keep answering while a client is paused, so this caps what a client that never reads can
    /// make the daemon hold: the high-water mark plus one maximal frame, then it is dropped.
    private var bytesQueuedWhileUnwritable = 0

    init(router: MethodRouter, activity: ServerActivity, limits: ServerConfiguration.Limits,
         peer: PeerCredentials, role: Role, logger: Logger) {
        self.router = router
        self.activity = activity
        self.limits = limits
        self.peer = peer
        self.role = role
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func channelInactive(context: ChannelHandlerContext) {
        // The peer is gone: nobody will read the replies, so stop the work.
        for (_, call) in calls {
            call.task?.cancel()
            call.deadline?.cancel()
        }
        calls.removeAll()
        slowReaderDrop?.cancel()
        activity.closeConnection(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        let request: Convd_V1_Request
        do {
            request = try Convd_V1_Request(serializedBytes: Array(frame.readableBytesView))
        } catch {
            failConnection(context: context, FrameError.undecodableEnvelope("\(error)"))
            return
        }
        handle(request, context: context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is FrameError {
            failConnection(context: context, error)
        } else {
            logger.debug("connection error", metadata: ["error": "\(error)"])
            context.close(promise: nil)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        // A client that does not read its replies is paused (we stop reading its requests), and
        // dropped if it stays that way.
        if context.channel.isWritable {
            slowReaderDrop?.cancel()
            slowReaderDrop = nil
            bytesQueuedWhileUnwritable = 0
            context.channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
            context.read()
        } else {
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
            let loopSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
            slowReaderDrop = context.eventLoop.scheduleTask(in: limits.slowReaderGrace) {
                if let context = loopSelf.value.context { loopSelf.value.dropSlowReader(context) }
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent, calls.isEmpty {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    // MARK: - Calls

    private func handle(_ request: Convd_V1_Request, context: ChannelHandlerContext) {
        let id = request.callID
        if request.cancel {
            if abort(id, Status(.cancelled, "call \(id) cancelled by the client")) { activity.count("calls.cancelled") }
            return
        }
        activity.count("calls.received")
        guard id != 0 else {
            return reply(0, Status(.invalidArgument, "call_id must not be 0"), context: context, flush: false)
        }
        guard calls[id] == nil else {
            return reply(id, Status(.invalidArgument, "call_id \(id) is already in flight on this connection"),
                         context: context, flush: false)
        }
        guard request.idempotencyKey.utf8.count <= InputBounds.maxIdempotencyKeyLength else {
            return reply(id, Status(.invalidArgument,
                "idempotency_key: longer than \(InputBounds.maxIdempotencyKeyLength) bytes (\(request.idempotencyKey.utf8.count))"),
                context: context, flush: false)
        }
        guard let route = router.route(for: request.method) else {
            let shown = request.method.isEmpty ? "(empty)" : "'\(request.method)'"
            return reply(id, Status(.unimplemented, "unknown method \(shown)"), context: context, flush: false)
        }
        guard role >= route.role else {
            return reply(id, Status(.permissionDenied,
                "\(request.method) needs role \(route.role); uid \(peer.uid) has role \(role)"),
                context: context, flush: false)
        }
        let prepared: MethodRouter.PreparedCall
        do {
            prepared = try route.prepare(request.payload)
        } catch {
            return reply(id, Status(.invalidArgument, "payload of \(request.method) is not a valid request: \(error)"),
                         context: context, flush: false)
        }
        let ctx = CallContext(callID: id, method: request.method, role: role, peer: peer,
                              idempotencyKey: request.idempotencyKey, logger: logger)
        switch prepared {
        case .inline(let run):
            do {
                reply(id, .ok, payload: try run(ctx).serializedBytes(), context: context, flush: false)
            } catch {
                reply(id, StatusMapping.status(for: error, logger: ctx.logger), context: context, flush: false)
            }
        case .unary(let run):
            start(id, timeoutMs: request.timeoutMs, answersAfterWork: route.role >= .recorder, context: context) { try await run(ctx) }
        case .serverStreaming(let run):
            let writer = streamWriter(for: id, context: context)
            start(id, timeoutMs: request.timeoutMs, streaming: true, context: context) {
                try await run(ctx, writer)
                return nil
            }
        }
    }

    private func start(_ id: UInt64, timeoutMs: UInt32, streaming: Bool = false, answersAfterWork: Bool = false,
                       context: ChannelHandlerContext,
                       _ body: @escaping @Sendable () async throws -> (any SwiftProtobuf.Message)?) {
        guard calls.count < limits.maxCallsInFlightPerConnection else {
            return reply(id, Status(.resourceExhausted,
                "too many calls in flight on this connection (maximum \(limits.maxCallsInFlightPerConnection))"),
                context: context, flush: false)
        }
        let loopSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        var endOnDrain: (@Sendable () -> Void)?
        if streaming {
            endOnDrain = { eventLoop.execute { loopSelf.value.abort(id, Status(.unavailable, "convd is shutting down")) } }
        }
        guard let token = activity.beginCall(onDrain: endOnDrain) else {
            return reply(id, Status(.unavailable, "convd is shutting down"), context: context, flush: false)
        }
        var entry = InFlight()
        entry.answersAfterWork = answersAfterWork
        if timeoutMs > 0 {
            entry.deadline = eventLoop.scheduleTask(in: .milliseconds(Int64(clamping: timeoutMs))) {
                loopSelf.value.expire(id, after: timeoutMs)
            }
        }
        calls[id] = entry
        let activity = self.activity
        calls[id]?.task = Task {
            let result: Result<(any SwiftProtobuf.Message)?, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            eventLoop.execute {
                loopSelf.value.finish(id, result)
                activity.endCall(token)
            }
        }
    }

    private func finish(_ id: UInt64, _ result: Result<(any SwiftProtobuf.Message)?, any Error>) {
        // The task's end answers, exactly once, even after a deadline or cancel: a write the
        // writer had already started is answered with its real result, so DEADLINE_EXCEEDED and
        // CANCELLED always mean "not applied" (PROTOCOL.md).
        guard let call = calls.removeValue(forKey: id), let context else { return }
        call.deadline?.cancel()
        if let status = call.aborting {
            switch result {
            case .success(let message?):
                activity.count("calls.applied_after_abort")
                reply(id, .ok, payload: (try? message.serializedBytes()) ?? [], context: context, flush: true)
            case .failure(let error) where !Self.isWithdrawal(error):
                reply(id, StatusMapping.status(for: error, logger: logger), context: context, flush: true)
            default:
                reply(id, status, context: context, flush: true)
            }
            return
        }
        switch result {
        case .success(let message):
            do {
                reply(id, .ok, payload: try message?.serializedBytes() ?? [], context: context, flush: true)
            } catch {
                reply(id, StatusMapping.status(for: error, logger: logger), context: context, flush: true)
            }
        case .failure(let error):
            reply(id, StatusMapping.status(for: error, logger: logger), context: context, flush: true)
        }
    }

    private func expire(_ id: UInt64, after timeoutMs: UInt32) {
        activity.count("calls.deadline_exceeded")
        abort(id, Status(.deadlineExceeded, "call \(id) exceeded its deadline of \(timeoutMs) ms"))
    }

    /// Ends a call before its handler did: cancels its work and answers with `status`, at once for
    /// a read, or for a write once its task has ended (see `finish`).
    /// - Returns: false when the call was already answered or ending.
    @discardableResult
    private func abort(_ id: UInt64, _ status: Status) -> Bool {
        guard let call = calls[id], call.aborting == nil, let context else { return false }
        call.deadline?.cancel()
        call.task?.cancel()
        guard call.answersAfterWork else {
            calls[id] = nil
            reply(id, status, context: context, flush: true)
            return true
        }
        calls[id]?.aborting = status
        return true
    }

    /// Whether `error` says the work was withdrawn (cancelled) rather than failed on its own.
    private static func isWithdrawal(_ error: any Error) -> Bool {
        if error is CancellationError { return true }
        if case .cancelled? = error as? ConvdError { return true }
        return false
    }

    private func streamWriter(for id: UInt64, context: ChannelHandlerContext) -> ResponseStreamWriter {
        let loopSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        return ResponseStreamWriter { message in
            let bytes: [UInt8] = try message.serializedBytes()
            try await eventLoop.flatSubmit { () -> EventLoopFuture<Void> in
                let this = loopSelf.value
                guard let call = this.calls[id], call.aborting == nil, let context = this.context else {
                    return eventLoop.makeFailedFuture(CancellationError())
                }
                var response = Convd_V1_Response()
                response.callID = id
                response.status = Status.ok.proto
                response.payload = Data(bytes)
                response.more = true
                return context.writeAndFlush(this.wrapOutboundOut(response))
            }.get()
        }
    }

    private func reply(_ id: UInt64, _ status: Status, payload: [UInt8] = [],
                       context: ChannelHandlerContext, flush: Bool) {
        var response = Convd_V1_Response()
        response.callID = id
        response.status = status.proto
        if !payload.isEmpty { response.payload = Data(payload) }
        if status.code != .ok { activity.count("calls.failed") }
        if !context.channel.isWritable {
            bytesQueuedWhileUnwritable += payload.count + 64
            guard bytesQueuedWhileUnwritable <= limits.maxFrameLength else { return dropSlowReader(context) }
        }
        context.write(wrapOutboundOut(response), promise: nil)
        if flush { context.flush() }
    }

    /// Closes a connection whose client does not read, once its queued replies reach the bound.
    private func dropSlowReader(_ context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        logger.notice("dropping a client that does not read its replies",
                      metadata: ["queued_bytes": "\(bytesQueuedWhileUnwritable)"])
        activity.count("connections.dropped_slow_reader")
        context.close(promise: nil)
    }

    /// A connection-level error: one reply with call_id 0, then close.
    private func failConnection(context: ChannelHandlerContext, _ error: any Error) {
        let status = StatusMapping.status(for: error, logger: logger)
        logger.notice("closing connection", metadata: ["reason": "\(status)"])
        activity.count("connections.refused_input")
        ConnectionStatus.sendAndClose(status, context: context)
    }
}
