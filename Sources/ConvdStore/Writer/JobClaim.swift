import Synchronization

/// Who owns a queued write: the writer (it started the job) or its caller (it withdrew the job
/// because the call was cancelled or its deadline passed). Whichever moves first wins, under one
/// lock, which is what makes "DEADLINE_EXCEEDED means not applied" exact.
final class JobClaim: Sendable {
    private enum State { case queued, started, withdrawn }
    private struct Box {
        var state = State.queued
        var onWithdraw: (@Sendable () -> Void)?
    }
    private let box = Mutex(Box())

    /// Registers what to do when the caller withdraws. - Returns: false when it already has.
    func onWithdraw(_ answer: @escaping @Sendable () -> Void) -> Bool {
        box.withLock { b in
            guard b.state != .withdrawn else { return false }
            b.onWithdraw = answer
            return true
        }
    }

    /// The caller gives the job up; it is answered at once if the writer has not started it.
    func withdraw() {
        let answer: (@Sendable () -> Void)? = box.withLock { b in
            guard b.state == .queued else { return nil }
            b.state = .withdrawn
            defer { b.onWithdraw = nil }
            return b.onWithdraw
        }
        answer?()
    }

    /// The writer takes the job. - Returns: false when its caller withdrew it first.
    func start() -> Bool {
        box.withLock { b in
            guard b.state == .queued else { return false }
            b.state = .started
            b.onWithdraw = nil
            return true
        }
    }
}
