#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Randomness for IDs, drawn from the kernel 512 bytes at a time.
///
/// `SystemRandomNumberGenerator` makes one `getrandom` call per 8 bytes: two system calls per ID,
/// about 5% of the writer thread's time at peak. The bytes are the same kernel randomness, only
/// fetched in bulk; they are handed out once each, under a lock, to any thread.
struct PooledRandomGenerator: RandomNumberGenerator {
    private static let words = 64
    private static let pool = Mutex<(buffer: [UInt64], used: Int)>(([UInt64](repeating: 0, count: words), words))

    /// A generator over the shared pool.
    init() {}

    mutating func next() -> UInt64 {
        Self.pool.withLock { pool in
            if pool.used == Self.words {
                pool.buffer.withUnsafeMutableBytes { Self.fill($0) }
                pool.used = 0
            }
            defer { pool.used += 1 }
            return pool.buffer[pool.used]
        }
    }

    private static func fill(_ bytes: UnsafeMutableRawBufferPointer) {
        // glibc's arc4random_buf reads the kernel's generator (getrandom) and never fails.
        arc4random_buf(bytes.baseAddress!, bytes.count)
    }
}
