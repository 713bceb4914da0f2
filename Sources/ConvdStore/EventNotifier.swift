import Synchronization

/// Wakes event watchers after feedback events are committed. Watchers then read the log from
/// their last seq, so a missed wake-up costs latency, never an event.
public final class EventNotifier: Sendable {
    private let waiters = Mutex<[UInt64: AsyncStream<Void>.Continuation]>([:])
    private let nextID = Mutex<UInt64>(0)

    /// Creates a notifier with no watchers.
    public init() {}

    /// Says that new events were committed.
    public func notify() {
        for c in waiters.withLock({ Array($0.values) }) { c.yield() }
    }

    /// A stream that yields after each commit of new events, until the consumer stops.
    public func subscribe() -> AsyncStream<Void> {
        let id = nextID.withLock { n in n += 1; return n }
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        continuation.onTermination = { [weak self] _ in _ = self?.waiters.withLock { $0.removeValue(forKey: id) } }
        waiters.withLock { $0[id] = continuation }
        return stream
    }
}
