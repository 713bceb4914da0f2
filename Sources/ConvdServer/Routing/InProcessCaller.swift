import ConvdCore
import ConvdWire
import Foundation
import Logging
import NIOCore
import SwiftProtobuf
import Synchronization

/// Calls a registered method from inside the daemon, as the HTTP listener does: the same route,
/// role check, handler, status mapping, idempotency and drain as a socket call, so a face other
/// than the socket implements no rule of its own. The caller names who it is (`principal`),
/// which becomes the actor of changes and the scope of idempotency keys.
public struct InProcessCaller: Sendable {
    private let router: MethodRouter
    private let activity: ServerActivity
    private let logger: Logger

    /// A caller of `router`'s methods, counted in `activity` like socket calls.
    public init(router: MethodRouter, activity: ServerActivity, logger: Logger) {
        self.router = router
        self.activity = activity
        self.logger = logger
    }

    /// Runs `method` with `request` as `principal` with `role`.
    /// - Throws: `StatusError` with the status a socket caller would get.
    public func call<Response: SwiftProtobuf.Message>(
        _ method: MethodName, _ request: some SwiftProtobuf.Message, as _: Response.Type = Response.self,
        role: Role, principal: String, idempotencyKey: String = ""
    ) async throws(StatusError) -> Response {
        let started = NIODeadline.now()
        let name = method.fullName
        activity.count("calls.received")
        let result: Result<Response, StatusError> = await run(name, request, role: role, principal: principal, key: idempotencyKey)
        let code: StatusCode = if case .failure(let e) = result { e.code } else { .ok }
        if code != .ok { activity.count("calls.failed") }
        activity.metrics.callAnswered(method: name, code: code,
                                      seconds: Double((NIODeadline.now() - started).nanoseconds) / 1_000_000_000)
        return try result.get()
    }

    /// Runs the server-streaming `method`, handing each part to `onPart`, until it ends, the
    /// caller's task is cancelled, or the daemon drains (which ends it as it ends socket streams).
    /// - Throws: `StatusError` with the status a socket caller would get.
    public func stream<Part: SwiftProtobuf.Message>(
        _ method: MethodName, _ request: some SwiftProtobuf.Message, as _: Part.Type, role: Role, principal: String,
        onPart: @escaping @Sendable (Part) async throws -> Void
    ) async throws(StatusError) {
        let name = method.fullName
        let (prepared, ctx) = try prepare(name, request, role: role, principal: principal, key: "")
        guard case .serverStreaming(let body) = prepared else { throw StatusError(.unimplemented, "\(name) does not stream") }
        let running = Mutex<Task<Void, any Error>?>(nil)
        guard let token = activity.calls.enter(onDrain: { running.withLock { $0?.cancel() } }) else {
            throw StatusError(.unavailable, "convd is shutting down")
        }
        defer { activity.calls.leave(token) }
        let writer = ResponseStreamWriter { message in
            guard let part = message as? Part else { return }
            try await onPart(part)
        }
        let call = ctx
        let task = Task { try await body(call, writer) }
        running.withLock { $0 = task }
        do {
            try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        } catch is CancellationError {
            return
        } catch {
            throw StatusError(StatusMapping.status(for: error, logger: ctx.logger))
        }
    }

    /// The route's decoded call and its context, after the checks a socket call passes: the method
    /// exists, the role suffices, the key fits, the request decodes.
    private func prepare(_ name: String, _ request: some SwiftProtobuf.Message, role: Role, principal: String,
                         key: String) throws(StatusError) -> (MethodRouter.PreparedCall, CallContext) {
        guard let route = router.route(for: name) else { throw StatusError(.unimplemented, "unknown method '\(name)'") }
        guard role >= route.role else { throw StatusError(.permissionDenied, "\(name) needs role \(route.role); \(principal) has role \(role)") }
        guard key.utf8.count <= InputBounds.maxIdempotencyKeyLength else {
            throw StatusError(.invalidArgument, "Idempotency-Key: longer than \(InputBounds.maxIdempotencyKeyLength) bytes")
        }
        let prepared: MethodRouter.PreparedCall
        do { prepared = try route.prepare(try request.serializedBytes()) } catch {
            throw StatusError(.invalidArgument, "\(name): not a valid request: \(error)")
        }
        var ctx = CallContext(callID: 0, method: name, role: role, peer: PeerCredentials(pid: 0, uid: UInt32.max, gid: UInt32.max),
                              idempotencyKey: key, logger: logger)
        ctx.principal = principal
        return (prepared, ctx)
    }

    private func run<Response: SwiftProtobuf.Message>(_ name: String, _ request: some SwiftProtobuf.Message, role: Role,
                                                      principal: String, key: String) async -> Result<Response, StatusError> {
        let prepared: MethodRouter.PreparedCall, ctx: CallContext
        do { (prepared, ctx) = try prepare(name, request, role: role, principal: principal, key: key) } catch { return .failure(error) }
        guard let token = activity.calls.enter() else { return .failure(StatusError(.unavailable, "convd is shutting down")) }
        defer { activity.calls.leave(token) }
        do {
            let message: any SwiftProtobuf.Message
            switch prepared {
            case .inline(let body): message = try body(ctx)
            case .unary(let body): message = try await body(ctx)
            case .serverStreaming: return .failure(StatusError(.unimplemented, "\(name) streams; call stream(_:_:as:role:principal:onPart:)"))
            }
            guard let reply = message as? Response else {
                return .failure(StatusError(.internal, "\(name) answered \(type(of: message)), not \(Response.self)"))
            }
            return .success(reply)
        } catch {
            return .failure(StatusError(StatusMapping.status(for: error, logger: ctx.logger)))
        }
    }
}
