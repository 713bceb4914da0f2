import Dispatch

/// Where rule sets are evaluated: CPU-bound work of unbounded cost (a recipient's rules), kept off
/// the Swift concurrency pool (two threads on two cores, which every call needs) and off GRDB's
/// reader queues (serial queues that other calls' tasks resume on).
final class RuleEvaluationQueue: Sendable {
    /// The one queue the store uses.
    static let shared = RuleEvaluationQueue()

    private let queue = DispatchQueue(label: "convd-rules", qos: .userInitiated, attributes: .concurrent)

    /// Runs `work` on the queue and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
