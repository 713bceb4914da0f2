import Synchronization

/// Set when a write queued a forward, so the forwarding worker is woken only by commits that gave
/// it work. Woken by every feedback commit, it read the outbox twice per commit for nothing when no
/// source forwards: about a tenth of the daemon's CPU at peak. A mark left set by a savepoint that
/// was then rolled back only costs one needless scan.
final class ForwardsQueuedMark: Sendable {
    private let queued = Atomic<Bool>(false)

    /// A clear mark.
    init() {}

    /// Notes that a forward was queued.
    func set() { queued.store(true, ordering: .relaxed) }

    /// Whether one was.
    var isSet: Bool { queued.load(ordering: .relaxed) }
}
