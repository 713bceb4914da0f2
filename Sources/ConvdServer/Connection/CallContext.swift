import ConvdCore
import Logging

/// What a handler knows about the call it serves: who called, with what key, and a logger
/// carrying call_id and method.
public struct CallContext: Sendable {
    /// The client's call id.
    public var callID: UInt64
    /// The full method name.
    public var method: String
    /// The caller's role.
    public var role: Role
    /// The caller's kernel credentials.
    public var peer: PeerCredentials
    /// The request's idempotency key; empty when none.
    public var idempotencyKey: String
    /// A digest of the decoded request (see `RequestFingerprint`); empty without a key.
    public var fingerprint = ""
    /// Who called when it is not a socket peer ("http-token:crm-1-connector"): the actor of changes
    /// and the scope of idempotency keys instead of the uid.
    public var principal: String?
    /// The connection's logger, without this call's metadata (see `logger`).
    private var baseLogger: Logger

    /// Logger with `call_id`, `method`, `peer_uid` and `role` metadata, built when a path logs:
    /// attaching metadata to every call cost a fifth of the daemon's CPU on pipelined Health
    /// calls, even with logging off.
    public var logger: Logger {
        var l = baseLogger
        l[metadataKey: "call_id"] = "\(callID)"
        l[metadataKey: "method"] = "\(method)"
        l[metadataKey: "peer_uid"] = "\(peer.uid)"
        l[metadataKey: "role"] = "\(role)"
        return l
    }

    /// Creates a context; the connection makes one per call, an in-process caller its own.
    /// `logger` is the connection's; the call's metadata is added on use.
    public init(callID: UInt64, method: String, role: Role, peer: PeerCredentials, idempotencyKey: String, logger: Logger) {
        self.callID = callID
        self.method = method
        self.role = role
        self.peer = peer
        self.idempotencyKey = idempotencyKey
        self.baseLogger = logger
    }

    /// The key, scoped to the method and the caller's uid, with the request's fingerprint; nil without a key.
    public var idempotency: IdempotencyClaim? {
        idempotencyKey.isEmpty ? nil : IdempotencyClaim(key: idempotencyKey, scope: principal ?? "uid:\(peer.uid)", fingerprint: fingerprint)
    }

    /// "uid:1000 role:recorder", recorded as the actor of changes.
    public var actor: String { "\(principal ?? "uid:\(peer.uid)") role:\(role)" }
}
