#if CONVD_FUZZ
import Foundation

/// libFuzzer's driver, called from the target's own `main` (SwiftPM names an executable's entry
/// point itself, so libFuzzer's `main` cannot be used). Built only under `-DCONVD_FUZZ`.
@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments and `callback` as the target, then exits.
public enum FuzzDriver {
    /// Hands the process to libFuzzer.
    public static func run(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(llvmFuzzerRunDriver(&argc, &argv, callback))
    }
}
#endif
