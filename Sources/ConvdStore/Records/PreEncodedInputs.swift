import ConvdCore
import Synchronization

/// The event-log JSON of a call's feedbacks, encoded before the call queues for the writer: the
/// encoding (then Foundation's JSONEncoder, now `FeedbackInputJSON`) was a tenth of the single
/// writer thread's time, and the callers' threads can do it in parallel. Taken in order; an input
/// that does not match the next one (never expected) is encoded on the writer as before.
final class PreEncodedInputs: Sendable {
    private let items: [(input: FeedbackInput, json: String)]
    private let next = Mutex(0)

    /// Encodes each input as its event will store it.
    init(_ inputs: [FeedbackInput]) {
        items = inputs.map { ($0, EventRecord.inputJSON($0)) }
    }

    /// The JSON of `input` when it is the next one encoded, else nil.
    func take(_ input: FeedbackInput) -> String? {
        next.withLock { i in
            guard i < items.count, items[i].input == input else { return nil }
            i += 1
            return items[i - 1].json
        }
    }
}
