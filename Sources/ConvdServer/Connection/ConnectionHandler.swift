import ConvdCore
import ConvdProto
import ConvdWire
import Foundation
import Logging
import NIOCore
import SwiftProtobuf

/// Serves one connection: decodes each framed `Request`, routes it, and writes each `Response`.
/// What may happen when lives in `ConnectionStateMachine`; this class performs its actions and
/// owns what a value cannot (tasks, timers, the channel). All of it runs on the channel's event
/// loop, and so do the calls' tasks (`EventLoopTaskExecutor`): a write leaves the loop once, for
/// the writer thread, and its commit resumes it on the loop, where `finish` writes the reply
/// (`ResponseFrame`, the payload copied once into the outgoing buffer). Inline calls never leave
/// the loop.
///
/// Each call is its own unstructured `Task` rather than a child of a per-connection task group:
/// a call must be cancellable alone (the client's cancel frame, its own deadline, a drain that
/// ends only streams) while its siblings run on, and a task group can only cancel all of its
/// children at once. `ServerActivity.CallGate` is the one place that counts them for draining.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What a call in flight holds that the state machine cannot: its task, its deadline timer,
    /// and what its metrics need (the method and when it started).
    private struct CallResources {
        var task: Task<Void, Never>?
        var deadline: Scheduled<Void>?
        var method = ""
        /// Nil for streams: a watch's length says nothing about the daemon's speed.
        var started: NIODeadline?

        func cancel() {
            task?.cancel()
            deadline?.cancel()
        }
    }

    private let router: MethodRouter
    private let activity: ServerActivity
    private let limits: ServerConfiguration.Limits
    private let peer: PeerCredentials
    private let role: Role
    private let logger: Logger
    private var machine: ConnectionStateMachine
    private var resources: [UInt64: CallResources] = [:]
    private var context: ChannelHandlerContext?
    private var slowReaderDrop: Scheduled<Void>?
    /// Where this connection's call tasks run: its own event loop (set when the handler is added).
    private var taskExecutor: EventLoopTaskExecutor?

    init(router: MethodRouter, activity: ServerActivity, limits: ServerConfiguration.Limits,
         peer: PeerCredentials, role: Role, logger: Logger) {
        self.router = router
        self.activity = activity
        self.limits = limits
        self.peer = peer
        self.role = role
        self.logger = logger
        self.machine = ConnectionStateMachine(limits: limits)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        taskExecutor = EventLoopTaskExecutor(context.eventLoop)
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The peer is gone: nobody will read the replies, so stop the work.
        for id in machine.connectionClosed() { resources[id]?.cancel() }
        resources.removeAll()
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
        switch machine.writabilityChanged(isWritable: context.channel.isWritable) {
        case .resumeReading:
            slowReaderDrop?.cancel()
            slowReaderDrop = nil
            context.channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
            context.read()
        case .pauseReading:
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
            let loopSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
            slowReaderDrop = context.eventLoop.scheduleTask(in: limits.slowReaderGrace) {
                let this = loopSelf.value
                if this.machine.slowReaderGraceEnded(), let context = this.context { this.dropSlowReader(context) }
            }
        case .none:
            break
        }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent, machine.idleTimeoutReached() {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    // MARK: - Calls

    private func handle(_ request: Convd_V1_Request, context: ChannelHandlerContext) {
        let id = request.callID
        if request.cancel {
            let action = machine.cancelRequested(id)
            if action != .none { activity.count("calls.cancelled") }
            return perform(action, for: id)
        }
        activity.count("calls.received")
        let route = router.route(for: request.method)
        // Only a routed method names its own metrics, so a client cannot grow the label set.
        let method = route == nil ? "unknown" : request.method
        if case .refuse(let status) = machine.callRequested(id, idempotencyKeyLength: request.idempotencyKey.utf8.count) {
            return reply(id, status, method: method, context: context, flush: false)
        }
        guard let route else {
            let shown = request.method.isEmpty ? "(empty)" : "'\(request.method)'"
            return reply(id, Status(.unimplemented, "unknown method \(shown)"), method: method, context: context, flush: false)
        }
        guard role >= route.role else {
            return reply(id, Status(.permissionDenied,
                "\(request.method) needs role \(route.role); uid \(peer.uid) has role \(role)"),
                method: method, context: context, flush: false)
        }
        let prepared: MethodRouter.PreparedCall
        do {
            prepared = try route.prepare(request.payload)
        } catch {
            return reply(id, Status(.invalidArgument, "payload of \(request.method) is not a valid request: \(error)"),
                         method: method, context: context, flush: false)
        }
        let ctx = CallContext(callID: id, method: request.method, role: role, peer: peer,
                              idempotencyKey: request.idempotencyKey, logger: logger)
        switch prepared {
        case .inline(let run):
            let started = NIODeadline.now()
            do {
                reply(id, .ok, payload: try run(ctx).serializedBytes(), method: method, started: started, context: context, flush: false)
            } catch {
                reply(id, StatusMapping.status(for: error, logger: ctx.logger), method: method, started: started,
                      context: context, flush: false)
            }
        case .unary(let run):
            start(id, method, kind: route.role >= .recorder ? .write : .read, timeoutMs: request.timeoutMs, context: context) {
                try await run(ctx)
            }
        case .serverStreaming(let run):
            let writer = streamWriter(for: id, context: context)
            start(id, method, kind: .stream, timeoutMs: request.timeoutMs, context: context) {
                try await run(ctx, writer)
                return nil
            }
        }
    }

    private func start(_ id: UInt64, _ method: String, kind: ConnectionStateMachine.CallKind, timeoutMs: UInt32,
                       context: ChannelHandlerContext,
                       _ body: @escaping @Sendable () async throws -> (any SwiftProtobuf.Message)?) {
        if case .refuse(let status) = machine.callStarting(id, kind: kind) {
            return reply(id, status, method: method, context: context, flush: false)
        }
        let loopSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        var endOnDrain: (@Sendable () -> Void)?
        if kind == .stream {
            endOnDrain = { eventLoop.execute { loopSelf.value.drainReached(id) } }
        }
        var held = CallResources()
        held.method = method
        held.started = kind == .stream ? nil : NIODeadline.now()
        resources[id] = held
        guard let token = activity.calls.enter(onDrain: endOnDrain) else {
            // Refused by a drain that began: the call ends before it ran.
            return finish(id, .failed(Status(.unavailable, "convd is shutting down"), withdrawn: false))
        }
        if timeoutMs > 0 {
            held.deadline = eventLoop.scheduleTask(in: .milliseconds(Int64(clamping: timeoutMs))) {
                loopSelf.value.expire(id, after: timeoutMs)
            }
        }
        let gate = activity.calls
        let logger = self.logger
        held.task = Task(executorPreference: taskExecutor) {
            let outcome = await ConnectionHandler.outcome(of: body, logger: logger)
            let done: @Sendable () -> Void = {
                loopSelf.value.finish(id, outcome)
                gate.leave(token)
            }
            // Normally already on the loop (the task prefers it): no second trip through its queue.
            if eventLoop.inEventLoop { done() } else { eventLoop.execute(done) }
        }
        resources[id] = held
    }

    /// Runs a call's work and says how it ended, its reply encoded here, off the event loop.
    private static func outcome(of body: @Sendable () async throws -> (any SwiftProtobuf.Message)?,
                                logger: Logger) async -> ConnectionStateMachine.CallOutcome {
        do {
            guard let message = try await body() else { return .streamEnded }
            return .replied(try message.serializedBytes())
        } catch {
            return .failed(StatusMapping.status(for: error, logger: logger), withdrawn: isWithdrawal(error))
        }
    }

    private func finish(_ id: UInt64, _ outcome: ConnectionStateMachine.CallOutcome) {
        let held = resources.removeValue(forKey: id)
        held?.deadline?.cancel()
        guard case .answer(let status, let payload, let appliedAfterAbort) = machine.callFinished(id, outcome),
              let context else { return }
        if appliedAfterAbort { activity.count("calls.applied_after_abort") }
        reply(id, status, payload: payload, method: held?.method ?? "unknown", started: held?.started, context: context,
              flush: true)
    }

    private func expire(_ id: UInt64, after timeoutMs: UInt32) {
        let action = machine.deadlineReached(id, timeoutMs: timeoutMs)
        if action != .none { activity.count("calls.deadline_exceeded") }
        perform(action, for: id)
    }

    private func drainReached(_ id: UInt64) {
        perform(machine.drainReached(id), for: id)
    }

    private func perform(_ action: ConnectionStateMachine.AbortAction, for id: UInt64) {
        switch action {
        case .none:
            return
        case .cancelAndAwaitTask:
            resources[id]?.cancel()
        case .cancelAndAnswer(let status):
            let held = resources.removeValue(forKey: id)
            held?.cancel()
            if let context {
                reply(id, status, method: held?.method ?? "unknown", started: held?.started, context: context, flush: true)
            }
        }
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
                guard this.machine.streamMayContinue(id), let context = this.context else {
                    return eventLoop.makeFailedFuture(CancellationError())
                }
                var frame = context.channel.allocator.buffer(capacity: bytes.count + 32)
                do {
                    try ResponseFrame.write(callID: id, status: .ok, payload: bytes, more: true, into: &frame)
                } catch {
                    return eventLoop.makeFailedFuture(error)
                }
                return context.writeAndFlush(this.wrapOutboundOut(frame))
            }.get()
        }
    }

    private func reply(_ id: UInt64, _ status: Status, payload: [UInt8] = [], method: String, started: NIODeadline? = nil,
                       context: ChannelHandlerContext, flush: Bool) {
        if status.code != .ok { activity.count("calls.failed") }
        activity.metrics.callAnswered(method: method, code: status.code,
                                      seconds: started.map { Double((NIODeadline.now() - $0).nanoseconds) / 1e9 })
        guard machine.replyWriting(payloadBytes: payload.count) == .write else { return dropSlowReader(context) }
        var frame = context.channel.allocator.buffer(capacity: payload.count + 32)
        do {
            try ResponseFrame.write(callID: id, status: status, payload: payload, into: &frame)
        } catch {
            // Only a status that cannot be serialized gets here, and every proto3 message can be.
            logger.error("could not encode a reply", metadata: ["error": "\(error)"])
            return context.close(promise: nil)
        }
        context.write(wrapOutboundOut(frame), promise: nil)
        if flush { context.flush() }
    }

    /// Closes a connection whose client does not read, once its queued replies reach the bound.
    private func dropSlowReader(_ context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        logger.notice("dropping a client that does not read its replies")
        activity.count("connections.dropped_slow_reader")
        context.close(promise: nil)
    }

    /// A connection-level error: one reply with call_id 0, then close.
    private func failConnection(context: ChannelHandlerContext, _ error: any Error) {
        let status = StatusMapping.status(for: error, logger: logger)
        logger.notice("closing connection", metadata: ["reason": "\(status)"])
        activity.count("connections.refused_input")
        let channel = context.channel
        var frame = channel.allocator.buffer(capacity: 64)
        guard (try? ResponseFrame.write(callID: 0, status: status, into: &frame)) != nil else { return channel.close(promise: nil) }
        context.writeAndFlush(wrapOutboundOut(frame)).whenComplete { _ in channel.close(promise: nil) }
    }
}
