import ConvdWire
import NIOCore

/// Everything the server is told at start: where to listen, who may call, and the limits that
/// keep one client from hurting the others. Each limit is a `convd` flag with this default.
public struct ServerConfiguration: Sendable {
    /// Per-connection and per-server limits.
    public struct Limits: Sendable {
        /// Largest frame accepted (bytes); a larger one closes the connection.
        public var maxFrameLength = FrameDecoder.defaultMaximumFrameLength
        /// Open connections at once; one more is refused with RESOURCE_EXHAUSTED.
        public var maxConnections = 1024
        /// Asynchronous calls in flight on one connection; one more is RESOURCE_EXHAUSTED.
        public var maxCallsInFlightPerConnection = 256
        /// A connection with no traffic and no call in flight for this long is closed.
        public var idleTimeout = TimeAmount.minutes(10)
        /// Pending reply bytes past which a client is paused (not read from).
        public var writeBufferHighWaterMark = 1024 * 1024
        /// How long a paused client may stay paused before it is dropped.
        public var slowReaderGrace = TimeAmount.seconds(30)

        /// The defaults.
        public init() {}
    }

    /// The Unix socket's path.
    public var socketPath: String
    /// Group that may connect (mode 0660); nil means mode 0600.
    public var socketGroup: UInt32?
    /// Who gets which role.
    public var roles: RoleTable
    /// The limits.
    public var limits: Limits

    /// Creates a configuration.
    public init(socketPath: String, socketGroup: UInt32? = nil, roles: RoleTable, limits: Limits = Limits()) {
        self.socketPath = socketPath
        self.socketGroup = socketGroup
        self.roles = roles
        self.limits = limits
    }
}
