import ConvdCore
import ConvdServer
import ConvdStore
import Dispatch
import Foundation
import Logging
import SwiftProtobuf
import Synchronization

/// Ends a fuzzed stream after a few parts, as a client that stops reading would.
final class PartCounter: Sendable {
    private let count = Mutex(0)
    func next() throws {
        let n = count.withLock { c -> Int in c += 1; return c }
        if n > 50 { throw CancellationError() }
    }
}
