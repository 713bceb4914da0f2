import ConvdWire
import Foundation
import SwiftProtobuf

/// Maps full method names to handlers. Registering a typed handler builds a closure that decodes
/// the payload (on the event loop), and a second one that runs the handler; the connection
/// checks the role in between. No entry: UNIMPLEMENTED.
public struct MethodRouter: Sendable {
    /// A decoded call, ready to run.
    public enum PreparedCall: Sendable {
        /// Answered right on the event loop: no hop into Swift concurrency at all.
        case inline(@Sendable (CallContext) throws -> any SwiftProtobuf.Message)
        /// One reply, produced asynchronously.
        case unary(@Sendable (CallContext) async throws -> any SwiftProtobuf.Message)
        /// Zero or more replies with more = true, then a final one.
        case serverStreaming(@Sendable (CallContext, ResponseStreamWriter) async throws -> Void)
    }

    /// One registered method.
    public struct Route: Sendable {
        /// The least role allowed to call it.
        public var role: Role
        /// Decodes the payload into a call. - Throws: a decoding error (INVALID_ARGUMENT).
        public var prepare: @Sendable (Data) throws -> PreparedCall
    }

    private var routes: [String: Route] = [:]

    /// An empty router.
    public init() {}

    /// The route for `method`, if any.
    public func route(for method: String) -> Route? { routes[method] }

    /// Every registered full method name, sorted.
    public var methods: [String] { routes.keys.sorted() }

    /// Registers a handler answered on the event loop; for cheap calls that touch no storage.
    public mutating func inline<Req: SwiftProtobuf.Message, Res: SwiftProtobuf.Message>(
        _ method: MethodName, role: Role, _ request: Req.Type,
        _ handler: @escaping @Sendable (Req, CallContext) throws -> Res
    ) {
        routes[method.fullName] = Route(role: role) { payload in
            let req = try Req(serializedBytes: payload)
            return .inline { ctx in try handler(req, ctx) }
        }
    }

    /// Registers an async handler with one reply.
    public mutating func unary<Req: SwiftProtobuf.Message, Res: SwiftProtobuf.Message>(
        _ method: MethodName, role: Role, _ request: Req.Type,
        _ handler: @escaping @Sendable (Req, CallContext) async throws -> Res
    ) {
        routes[method.fullName] = Route(role: role) { payload in
            let req = try Req(serializedBytes: payload)
            return .unary { ctx in
                var ctx = ctx
                if !ctx.idempotencyKey.isEmpty { ctx.fingerprint = try RequestFingerprint.of(req) }
                return try await handler(req, ctx)
            }
        }
    }

    /// Registers a method that chooses per request how it runs (`System/Health`: liveness inline
    /// on the event loop, readiness asynchronously since it touches storage).
    public mutating func choosing<Req: SwiftProtobuf.Message>(
        _ method: MethodName, role: Role, _ request: Req.Type,
        _ prepare: @escaping @Sendable (Req) -> PreparedCall
    ) {
        routes[method.fullName] = Route(role: role) { payload in prepare(try Req(serializedBytes: payload)) }
    }

    /// Registers a server-streaming handler.
    public mutating func serverStreaming<Req: SwiftProtobuf.Message>(
        _ method: MethodName, role: Role, _ request: Req.Type,
        _ handler: @escaping @Sendable (Req, CallContext, ResponseStreamWriter) async throws -> Void
    ) {
        routes[method.fullName] = Route(role: role) { payload in
            let req = try Req(serializedBytes: payload)
            return .serverStreaming { ctx, writer in try await handler(req, ctx, writer) }
        }
    }
}
