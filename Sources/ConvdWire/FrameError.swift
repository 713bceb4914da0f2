/// Why a stream of bytes could not be read as frames or envelopes.
public enum FrameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A frame announced more bytes than the maximum; the body is never buffered.
    case frameTooLarge(length: Int, maximum: Int)
    /// A frame's bytes are not a valid envelope message.
    case undecodableEnvelope(String)

    /// What was wrong with the frame.
    public var description: String {
        switch self {
        case .frameTooLarge(let length, let maximum):
            "frame of \(length) bytes exceeds the maximum of \(maximum) bytes"
        case .undecodableEnvelope(let detail):
            "frame is not a valid envelope: \(detail)"
        }
    }
}
