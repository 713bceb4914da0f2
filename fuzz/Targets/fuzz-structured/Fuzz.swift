import ConvdFuzzSupport
import Foundation

/// libFuzzer's entry point for the `structured` target (see `FuzzTargets`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.run("structured", data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// Under libFuzzer (`scripts/fuzz`) the process is the fuzzer; in a plain build it replays the input
/// files or directories it is given (`--write-seeds DIR` wrote fuzz/corpus/structured).
@main
struct Main {
    static func main() throws {
        #if CONVD_FUZZ
        FuzzDriver.run(fuzzOneInput)
        #else
        let args = Array(CommandLine.arguments.dropFirst())
        if args.first == "--write-seeds", args.count == 2 {
            for (i, seed) in try FuzzTargets.seeds("structured").enumerated() {
                try Data(seed).write(to: URL(fileURLWithPath: args[1] + "/seed-\(i)"))
            }
            return
        }
        let n = try FuzzTargets.replay("structured", paths: args)
        print("fuzz-structured: replayed \(n) inputs")
        #endif
    }
}
