import ConvdFuzzSupport
import Foundation
import Testing

/// Every committed fuzz input, the seed corpus and each crash found and fixed (`fuzz/regressions/`),
/// runs through the same target code as libFuzzer on every test run: a fixed crash cannot return.
@Suite(.serialized)
struct FuzzCorpusReplayTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fuzz").standardized.path

    @Test(arguments: FuzzTargets.names)
    func corpusAndRegressionsReplayCleanly(_ target: String) async throws {
        let paths = ["\(Self.fuzz)/corpus/\(target)", "\(Self.fuzz)/regressions/\(target)"]
        let n = try await Self.onOwnThread { try FuzzTargets.replay(target, paths: paths) }
        #expect(n > 0)  // the corpus is really there and read
    }

    /// The targets wait synchronously for the store (as libFuzzer's C callback must), so they run
    /// on a thread of their own, never on one of Swift concurrency's few pool threads.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
