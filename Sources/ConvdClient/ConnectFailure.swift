import ConvdProto
import ConvdWire
import NIOCore
import NIOPosix

/// Words for why a connect failed.
enum ConnectFailure {
    static func describe(_ error: any Error) -> String {
        if let io = error as? IOError {
            switch io.errnoCode {
            case ENOENT: return "no socket there (is convd running?)"
            case ECONNREFUSED: return "nothing is listening (stale socket?)"
            case EACCES: return "permission denied"
            default: return "\(io)"
            }
        }
        if case ChannelError.connectTimeout = error { return "connect timed out" }
        return "\(error)"
    }
}
