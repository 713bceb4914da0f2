import Foundation
import Synchronization

/// Latencies and a wall-clock span of one benchmark phase.
struct Measurement {
    var name: String
    var operations: Int
    var seconds: Double
    var latenciesMicros: [Double]

    var perSecond: Double { Double(operations) / seconds }

    func percentile(_ p: Double) -> Double {
        guard !latenciesMicros.isEmpty else { return 0 }
        let sorted = latenciesMicros.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    var summary: String {
        let lat = latenciesMicros.isEmpty ? "" : String(format: ", p50 %.0f µs, p99 %.0f µs, p99.9 %.0f µs",
                                                             percentile(0.5), percentile(0.99), percentile(0.999))
        return String(format: "%@: %.0f ops/s (%d in %.2f s)%@", name, perSecond, operations, seconds, lat)
    }
}

/// Monotonic time in seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
