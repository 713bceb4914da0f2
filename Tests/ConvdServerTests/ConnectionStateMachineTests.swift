@testable import ConvdServer
import ConvdCore
import ConvdWire
import Testing

/// Every transition of one connection's rules, driven with no channel, no socket and no clock.
@Suite struct ConnectionStateMachineTests {
    private func machine(maxCalls: Int = 4, maxFrame: Int = 1000) -> ConnectionStateMachine {
        var limits = ServerConfiguration.Limits()
        limits.maxCallsInFlightPerConnection = maxCalls
        limits.maxFrameLength = maxFrame
        return ConnectionStateMachine(limits: limits)
    }

    private func refusal(_ admission: ConnectionStateMachine.Admission) -> Status? {
        if case .refuse(let status) = admission { return status }
        return nil
    }

    // MARK: admission

    @Test func aNewCallIsAdmitted() {
        #expect(machine().callRequested(7, idempotencyKeyLength: 0) == .proceed)
    }

    @Test func callIDZeroIsRefused() throws {
        let status = try #require(refusal(machine().callRequested(0, idempotencyKeyLength: 0)))
        #expect(status.code == .invalidArgument)
        #expect(status.message.contains("call_id must not be 0"))
    }

    @Test func aCallIDAlreadyInFlightIsRefused() throws {
        var m = machine()
        #expect(m.callStarting(5, kind: .read) == .run)
        let status = try #require(refusal(m.callRequested(5, idempotencyKeyLength: 0)))
        #expect(status.code == .invalidArgument)
        #expect(status.message.contains("call_id 5 is already in flight"))
        #expect(m.callRequested(6, idempotencyKeyLength: 0) == .proceed)
    }

    @Test func anIdempotencyKeyAtTheLimitIsAdmittedAndOneByteMoreIsRefused() throws {
        let m = machine()
        #expect(m.callRequested(1, idempotencyKeyLength: InputBounds.maxIdempotencyKeyLength) == .proceed)
        let status = try #require(refusal(m.callRequested(1, idempotencyKeyLength: InputBounds.maxIdempotencyKeyLength + 1)))
        #expect(status.code == .invalidArgument)
        #expect(status.message.contains("idempotency_key"))
    }

    @Test func callsInFlightAreBoundedAndAFinishedCallFreesItsPlace() {
        var m = machine(maxCalls: 2)
        #expect(m.callStarting(1, kind: .read) == .run)
        #expect(m.callStarting(2, kind: .write) == .run)
        guard case .refuse(let status) = m.callStarting(3, kind: .read) else {
            Issue.record("a third call was let in past the limit of 2")
            return
        }
        #expect(status.code == .resourceExhausted)
        #expect(status.message.contains("maximum 2"))
        #expect(m.callFinished(1, .replied([1])) == .answer(.ok, payload: [1], appliedAfterAbort: false))
        #expect(m.callStarting(3, kind: .read) == .run)
        #expect(m.callsInFlight == 2)
    }

    // MARK: endings

    @Test func aFinishedCallIsAnsweredOnceWithItsReply() {
        var m = machine()
        _ = m.callStarting(1, kind: .read)
        #expect(m.callFinished(1, .replied([9, 9])) == .answer(.ok, payload: [9, 9], appliedAfterAbort: false))
        #expect(m.callFinished(1, .replied([9, 9])) == .none)
        #expect(m.callsInFlight == 0)
    }

    @Test func aFailedCallIsAnsweredWithItsStatus() {
        var m = machine()
        _ = m.callStarting(1, kind: .write)
        let notFound = Status(.notFound, "no delivery")
        #expect(m.callFinished(1, .failed(notFound, withdrawn: false)) == .answer(notFound, payload: [], appliedAfterAbort: false))
    }

    @Test func aCancelledReadIsAnsweredAtOnceAndItsLateEndIsIgnored() {
        var m = machine()
        _ = m.callStarting(1, kind: .read)
        guard case .cancelAndAnswer(let status) = m.cancelRequested(1) else {
            Issue.record("a read was not answered at its cancel")
            return
        }
        #expect(status.code == .cancelled)
        #expect(m.callFinished(1, .replied([1])) == .none)
        #expect(m.cancelRequested(1) == .none)
    }

    @Test func aCancelledWriteIsAnsweredWhenItsTaskEndsAsCancelledIfItWasWithdrawn() {
        var m = machine()
        _ = m.callStarting(1, kind: .write)
        #expect(m.cancelRequested(1) == .cancelAndAwaitTask)
        #expect(m.cancelRequested(1) == .none, "a second cancel must not answer twice")
        guard case .answer(let status, _, let applied) = m.callFinished(1, .failed(Status(.cancelled, "x"), withdrawn: true)) else {
            Issue.record("the write's end was not answered")
            return
        }
        #expect(status.code == .cancelled)
        #expect(status.message.contains("cancelled by the client"))
        #expect(!applied)
    }

    @Test func aWriteThatCommittedAfterItsDeadlineIsAnsweredOK() {
        var m = machine()
        _ = m.callStarting(1, kind: .write)
        #expect(m.deadlineReached(1, timeoutMs: 50) == .cancelAndAwaitTask)
        #expect(m.callFinished(1, .replied([4])) == .answer(.ok, payload: [4], appliedAfterAbort: true))
    }

    @Test func aWriteThatFailedOnItsOwnAfterItsDeadlineIsAnsweredWithItsOwnStatus() {
        var m = machine()
        _ = m.callStarting(1, kind: .write)
        _ = m.deadlineReached(1, timeoutMs: 50)
        let conflict = Status(.failedPrecondition, "window closed")
        #expect(m.callFinished(1, .failed(conflict, withdrawn: false)) == .answer(conflict, payload: [], appliedAfterAbort: false))
    }

    @Test func anExpiredWriteWithdrawnByItsTaskIsAnsweredDeadlineExceeded() {
        var m = machine()
        _ = m.callStarting(1, kind: .write)
        _ = m.deadlineReached(1, timeoutMs: 50)
        guard case .answer(let status, _, false) = m.callFinished(1, .failed(Status(.cancelled, "x"), withdrawn: true)) else {
            Issue.record("the expired write's end was not answered")
            return
        }
        #expect(status.code == .deadlineExceeded)
        #expect(status.message.contains("50 ms"))
    }

    @Test func aDeadlineOrCancelForAnUnknownCallDoesNothing() {
        var m = machine()
        #expect(m.deadlineReached(3, timeoutMs: 1) == .none)
        #expect(m.cancelRequested(3) == .none)
        #expect(m.drainReached(3) == .none)
    }

    // MARK: streams and drain

    @Test func aDrainEndsAStreamAtOnceWithUnavailable() {
        var m = machine()
        _ = m.callStarting(2, kind: .stream)
        #expect(m.streamMayContinue(2))
        guard case .cancelAndAnswer(let status) = m.drainReached(2) else {
            Issue.record("the drain did not end the stream")
            return
        }
        #expect(status.code == .unavailable)
        #expect(!m.streamMayContinue(2))
        #expect(m.callFinished(2, .streamEnded) == .none)
    }

    @Test func aStreamThatEndsByItselfIsAnsweredOK() {
        var m = machine()
        _ = m.callStarting(2, kind: .stream)
        #expect(m.callFinished(2, .streamEnded) == .answer(.ok, payload: [], appliedAfterAbort: false))
        #expect(!m.streamMayContinue(2))
    }

    // MARK: slow readers

    @Test func repliesAreWrittenFreelyWhileTheChannelIsWritable() {
        var m = machine(maxFrame: 100)
        for _ in 0..<50 { #expect(m.replyWriting(payloadBytes: 1000) == .write) }
    }

    @Test func aPausedClientIsDroppedOnceItsQueuedRepliesPassOneFrame() {
        var m = machine(maxFrame: 1000)
        #expect(m.writabilityChanged(isWritable: false) == .pauseReading)
        #expect(m.replyWriting(payloadBytes: 436) == .write)   // 500 with the envelope's allowance
        #expect(m.replyWriting(payloadBytes: 436) == .write)   // 1000: at the bound
        #expect(m.replyWriting(payloadBytes: 0) == .dropSlowReader)
    }

    @Test func resumingResetsTheQueuedBytes() {
        var m = machine(maxFrame: 1000)
        _ = m.writabilityChanged(isWritable: false)
        #expect(m.replyWriting(payloadBytes: 900) == .write)
        #expect(m.writabilityChanged(isWritable: true) == .resumeReading)
        _ = m.writabilityChanged(isWritable: false)
        #expect(m.replyWriting(payloadBytes: 900) == .write)
    }

    @Test func aRepeatedWritabilityEventChangesNothing() {
        var m = machine()
        #expect(m.writabilityChanged(isWritable: true) == .none)
        #expect(m.writabilityChanged(isWritable: false) == .pauseReading)
        #expect(m.writabilityChanged(isWritable: false) == .none)
    }

    @Test func theGraceDropsOnlyAClientStillPaused() {
        var m = machine()
        #expect(!m.slowReaderGraceEnded())
        _ = m.writabilityChanged(isWritable: false)
        #expect(m.slowReaderGraceEnded())
        _ = m.writabilityChanged(isWritable: true)
        #expect(!m.slowReaderGraceEnded())
    }

    // MARK: idle and close

    @Test func anIdleConnectionClosesOnlyWithNoCallInFlight() {
        var m = machine()
        #expect(m.idleTimeoutReached())
        _ = m.callStarting(1, kind: .stream)
        #expect(!m.idleTimeoutReached())
        _ = m.callFinished(1, .streamEnded)
        #expect(m.idleTimeoutReached())
    }

    @Test func closingCancelsEveryCallInFlightAndIgnoresWhatFollows() {
        var m = machine()
        _ = m.callStarting(1, kind: .read)
        _ = m.callStarting(2, kind: .write)
        _ = m.callStarting(3, kind: .stream)
        _ = m.deadlineReached(2, timeoutMs: 10)  // an aborting write still holds its task
        #expect(Set(m.connectionClosed()) == [1, 2, 3])
        #expect(m.connectionClosed().isEmpty)
        #expect(m.callFinished(2, .replied([1])) == .none)
        #expect(m.cancelRequested(1) == .none)
        #expect(!m.streamMayContinue(3))
        #expect(!m.idleTimeoutReached())
        #expect(m.writabilityChanged(isWritable: false) == .none)
        guard case .refuse = m.callStarting(4, kind: .read) else {
            Issue.record("a call started on a closed connection")
            return
        }
    }
}
