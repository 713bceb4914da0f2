import Foundation
import Synchronization

/// Records latencies from concurrent tasks.
final class LatencyLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []

    func add(_ micros: Double) {
        lock.lock()
        values.append(micros)
        lock.unlock()
    }

    var all: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
