import ConvdCore

/// A settable clock shared by the bench's writers; it only moves forward.
final class BenchClock: WallClock, Sendable {
    private let value: Locked<Int64>
    init(ms: Int64) { value = Locked(ms) }
    func nowMs() -> Int64 { value.withLock { $0 } }
    func set(ms: Int64) { value.withLock { $0 = max($0, ms) } }
}
