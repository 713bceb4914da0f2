import ConvdCore
import GRDB

/// One item's answer in a batch: its result or the error that refused it.
public enum BatchItemResult: Sendable, Equatable, Codable {
    /// The item was applied (or ignored as a duplicate) with this result.
    case ok(FeedbackResult)
    /// The item was refused; the kind is a `ConvdError` kind, so the batch still answers the others.
    case failed(kind: String, message: String)

    /// An item's answer from the recorder's result.
    public init(_ result: Result<FeedbackResult, ConvdError>) {
        switch result {
        case .success(let r): self = .ok(r)
        case .failure(let e): self = .failed(kind: e.kind, message: e.message)
        }
    }

    /// The item's error, if it failed.
    public var error: ConvdError? {
        if case .failed(let kind, let message) = self { return ConvdError(kind: kind, message: message) }
        return nil
    }
}
