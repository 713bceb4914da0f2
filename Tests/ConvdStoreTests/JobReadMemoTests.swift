import ConvdCore
import ConvdStore
import ConvdTestSupport
import Synchronization
import Testing

/// A RecordBatch reads its recipient's and source's rows once, not once per feedback, and what
/// one batch read does not outlive it: a recipient archived between two batches refuses the second.
struct JobReadMemoTests {
    @Test func aBatchChecksItsRecipientAndSourceOnceAndTheNextBatchSeesAChange() async throws {
        let seen = Mutex<[String]>([])
        try await GroupCommitWriterTests.withStorage(configure: { config in
            config.statementObserver = { sql in seen.withLock { $0.append(sql) } }
        }, clock: ManualClock(ms: 1_800_000_000_000)) { storage in
            _ = try await storage.putRecipient(Recipient(id: "crm-1"))
            _ = try await storage.putSource(Source(id: "v-1"))
            for i in 0..<3 {
                _ = try await storage.recordDelivery(Delivery(eventID: "E\(i)", recipientID: "crm-1", sourceID: "v-1"), idempotency: nil)
            }
            let batch = (0..<30).map { i in
                FeedbackInput(target: .eventID("E\(i % 3)"), kind: .conversion, conversionType: "Lead",
                              amount: Money(amountMinor: 100, currency: "EUR"))
            }
            seen.withLock { $0.removeAll() }
            let first = try await storage.recordFeedbackBatch(batch, idempotency: nil, actor: "test")
            #expect(first.allSatisfy { if case .ok = $0 { true } else { false } }, "\(first)")
            let stampReads = seen.withLock { $0 }.filter { $0.hasPrefix("SELECT updated_at_ms FROM") }
            #expect(stampReads.count == 2, "one stamp read each for the recipient and the source: \(stampReads)")

            _ = try await storage.deleteRecipient(id: "crm-1", idempotency: nil)
            let second = try await storage.recordFeedbackBatch(Array(batch.prefix(2)), idempotency: nil, actor: "test")
            for item in second {
                guard case .failed(let kind, let message) = item else {
                    Issue.record("recorded on an archived recipient: \(item)")
                    continue
                }
                #expect(kind == ConvdError.failedPrecondition("").kind)
                #expect(message.contains("recipient 'crm-1' is archived"), "\(message)")
            }
        }
    }
}
