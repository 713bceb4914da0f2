import Synchronization

/// swift-metrics handles made once per label set and kept. Making one per call went through the
/// Prometheus registry each time (validating the name and every label, a locked lookup): on the
/// event loops that was a few percent of the daemon's time at peak. The label sets are bounded
/// (routed methods and "unknown", status codes, outcomes), so the cache is too.
final class MetricHandleCache<Key: Hashable & Sendable, Handle: Sendable>: Sendable {
    private let handles = Mutex<[Key: Handle]>([:])
    private let make: @Sendable (Key) -> Handle

    /// A cache that makes the handle for a key with `make`, the first time it is asked for.
    init(make: @escaping @Sendable (Key) -> Handle) {
        self.make = make
    }

    /// The handle for `key`.
    func handle(_ key: Key) -> Handle {
        if let handle = handles.withLock({ $0[key] }) { return handle }
        // Made outside the lock (it takes the registry's own); a racing second one is the same
        // registry metric, so either may be kept.
        let handle = make(key)
        return handles.withLock { handles in
            if let first = handles[key] { return first }
            handles[key] = handle
            return handle
        }
    }
}
