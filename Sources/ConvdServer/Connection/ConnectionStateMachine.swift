import ConvdCore
import ConvdWire

/// The rules of one connection as a value: it is told what happened (a call asked for, a call's
/// task ended, a deadline passed, the socket filled up or emptied, the peer left) and answers with
/// what to do. `ConnectionHandler` performs those actions and owns the resources (tasks, timers,
/// the channel), so every limit and every ending is tested here without a socket or a clock.
struct ConnectionStateMachine {
    /// What a call does, which decides how it may end early.
    enum CallKind: Equatable, Sendable {
        /// A unary read: cancelled or expired, it is answered at once.
        case read
        /// A unary write (recorder and admin methods): cancelled or expired, it is answered only
        /// when its task has ended, so DEADLINE_EXCEEDED never reports a write that then commits.
        case write
        /// A server stream (Watch): it never ends by itself, so a drain ends it.
        case stream
    }

    /// What a call's task came back with.
    enum CallOutcome: Equatable, Sendable {
        /// A unary call's encoded reply.
        case replied([UInt8])
        /// A stream ran to its end.
        case streamEnded
        /// The call failed with `status`; `withdrawn` when it failed only because it was cancelled.
        case failed(Status, withdrawn: Bool)
    }

    /// What to do when a call is asked for.
    enum Admission: Equatable, Sendable {
        /// Route it.
        case proceed
        /// Answer with this status and run nothing.
        case refuse(Status)
    }

    /// What to do when an asynchronous call is about to run.
    enum StartAction: Equatable, Sendable {
        /// Run its task (and arm its deadline); the call is now in flight.
        case run
        /// Answer with this status and run nothing.
        case refuse(Status)
    }

    /// What to do when a call is ended early (cancel, deadline, drain).
    enum AbortAction: Equatable, Sendable {
        /// Nothing: the call is unknown, already answered, or already ending.
        case none
        /// Cancel its task and timer and answer with this status now.
        case cancelAndAnswer(Status)
        /// Cancel its task and timer; the answer comes when the task ends (see `callFinished`).
        case cancelAndAwaitTask
    }

    /// What to do when a call's task has ended.
    enum FinishAction: Equatable, Sendable {
        /// Nothing: the call was already answered, or the connection is gone.
        case none
        /// Answer with this status and payload. `appliedAfterAbort` when the call had been
        /// cancelled or had expired but its write took effect anyway, and this says so.
        case answer(Status, payload: [UInt8], appliedAfterAbort: Bool)
    }

    /// What to do when a reply is about to be written.
    enum WriteAction: Equatable, Sendable {
        /// Write it.
        case write
        /// Write nothing and drop the connection: a client that does not read has reached its bound.
        case dropSlowReader
    }

    /// What to do when the channel's writability changes.
    enum WritabilityAction: Equatable, Sendable {
        /// Stop reading requests and start the grace timer after which the client is dropped.
        case pauseReading
        /// Cancel the grace timer and read requests again.
        case resumeReading
        /// Nothing changed.
        case none
    }

    private struct Call {
        var kind: CallKind
        /// Set when the call was cancelled or expired: the status to answer with once its task
        /// has ended, unless the task reports that its write took effect after all.
        var aborting: Status?
    }

    private let maxCallsInFlight: Int
    private let maxQueuedBytesWhilePaused: Int
    private var calls: [UInt64: Call] = [:]
    private var isOpen = true
    private var isPaused = false
    /// Reply bytes queued since the channel went past its high-water mark. Calls already in flight
    /// keep answering while a client is paused, so this caps what a client that never reads can
    /// make the daemon hold: the high-water mark plus one maximal frame, then it is dropped.
    private var bytesQueuedWhilePaused = 0

    /// A machine for a new connection under `limits`.
    init(limits: ServerConfiguration.Limits) {
        maxCallsInFlight = limits.maxCallsInFlightPerConnection
        maxQueuedBytesWhilePaused = limits.maxFrameLength
    }

    /// Calls in flight (started and not yet answered, or answered early and still ending).
    var callsInFlight: Int { calls.count }

    /// A request for call `id` arrived (not a cancel): checks what needs no routing.
    func callRequested(_ id: UInt64, idempotencyKeyLength: Int) -> Admission {
        guard isOpen else { return .refuse(Status(.unavailable, "connection closed")) }
        guard id != 0 else { return .refuse(Status(.invalidArgument, "call_id must not be 0")) }
        guard calls[id] == nil else {
            return .refuse(Status(.invalidArgument, "call_id \(id) is already in flight on this connection"))
        }
        guard idempotencyKeyLength <= InputBounds.maxIdempotencyKeyLength else {
            return .refuse(Status(.invalidArgument,
                "idempotency_key: longer than \(InputBounds.maxIdempotencyKeyLength) bytes (\(idempotencyKeyLength))"))
        }
        return .proceed
    }

    /// Call `id`, routed and decoded, is about to run asynchronously.
    mutating func callStarting(_ id: UInt64, kind: CallKind) -> StartAction {
        guard isOpen else { return .refuse(Status(.unavailable, "connection closed")) }
        guard calls.count < maxCallsInFlight else {
            return .refuse(Status(.resourceExhausted,
                "too many calls in flight on this connection (maximum \(maxCallsInFlight))"))
        }
        calls[id] = Call(kind: kind)
        return .run
    }

    /// The client sent a cancel for call `id`.
    mutating func cancelRequested(_ id: UInt64) -> AbortAction {
        abort(id, Status(.cancelled, "call \(id) cancelled by the client"))
    }

    /// Call `id`'s deadline of `timeoutMs` passed before it answered.
    mutating func deadlineReached(_ id: UInt64, timeoutMs: UInt32) -> AbortAction {
        abort(id, Status(.deadlineExceeded, "call \(id) exceeded its deadline of \(timeoutMs) ms"))
    }

    /// The server started draining while stream `id` was open.
    mutating func drainReached(_ id: UInt64) -> AbortAction {
        abort(id, Status(.unavailable, "convd is shutting down"))
    }

    private mutating func abort(_ id: UInt64, _ status: Status) -> AbortAction {
        guard isOpen, let call = calls[id], call.aborting == nil else { return .none }
        guard call.kind == .write else {
            calls[id] = nil
            return .cancelAndAnswer(status)
        }
        calls[id]?.aborting = status
        return .cancelAndAwaitTask
    }

    /// Whether stream `id` may send another part: it is in flight and was not ended early.
    func streamMayContinue(_ id: UInt64) -> Bool {
        isOpen && calls[id].map { $0.aborting == nil } ?? false
    }

    /// Call `id`'s task ended with `outcome`. Its end answers exactly once, even after a deadline
    /// or cancel: a write that had already started is answered with its real result, so
    /// DEADLINE_EXCEEDED and CANCELLED always mean "not applied" (PROTOCOL.md).
    mutating func callFinished(_ id: UInt64, _ outcome: CallOutcome) -> FinishAction {
        guard isOpen, let call = calls.removeValue(forKey: id) else { return .none }
        if let aborting = call.aborting {
            switch outcome {
            case .replied(let payload):
                return .answer(.ok, payload: payload, appliedAfterAbort: true)
            case .failed(let status, withdrawn: false):
                return .answer(status, payload: [], appliedAfterAbort: false)
            case .failed(_, withdrawn: true), .streamEnded:
                return .answer(aborting, payload: [], appliedAfterAbort: false)
            }
        }
        switch outcome {
        case .replied(let payload): return .answer(.ok, payload: payload, appliedAfterAbort: false)
        case .streamEnded: return .answer(.ok, payload: [], appliedAfterAbort: false)
        case .failed(let status, _): return .answer(status, payload: [], appliedAfterAbort: false)
        }
    }

    /// A reply of `payloadBytes` is about to be written.
    mutating func replyWriting(payloadBytes: Int) -> WriteAction {
        guard isPaused else { return .write }
        bytesQueuedWhilePaused += payloadBytes + 64  // 64: the envelope around the payload, generously
        return bytesQueuedWhilePaused <= maxQueuedBytesWhilePaused ? .write : .dropSlowReader
    }

    /// The channel went past (`isWritable` false) or back under its high-water mark.
    mutating func writabilityChanged(isWritable: Bool) -> WritabilityAction {
        guard isOpen, isPaused == isWritable else { return .none }
        isPaused = !isWritable
        bytesQueuedWhilePaused = 0
        return isPaused ? .pauseReading : .resumeReading
    }

    /// The grace for a paused client ran out: true when it is still paused and must be dropped.
    func slowReaderGraceEnded() -> Bool { isOpen && isPaused }

    /// The connection saw no traffic for the idle timeout: true when it should close (no call in flight).
    func idleTimeoutReached() -> Bool { isOpen && calls.isEmpty }

    /// The peer is gone. Returns the calls whose work must be cancelled; nobody will read the
    /// replies, so every later event is ignored.
    mutating func connectionClosed() -> [UInt64] {
        guard isOpen else { return [] }
        isOpen = false
        defer { calls.removeAll() }
        return Array(calls.keys)
    }
}
