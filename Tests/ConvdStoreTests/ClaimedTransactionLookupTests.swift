@testable import ConvdStore
import ConvdCore
import ConvdTestSupport
import GRDB
import Testing

/// Since v14 a conversion that still carries the transaction ID it claimed is found through the
/// claims' key, not the transaction index. These tests hold the lookup to its definition, "the
/// newest conversion of the recipient whose transaction ID is this one", computed from the rows.
struct ClaimedTransactionLookupTests {
    /// The definition, read by walking the table (no index may answer it).
    static let naive = "SELECT id FROM conversion NOT INDEXED WHERE recipient_id = ? AND transaction_id = ? ORDER BY seq DESC LIMIT 1"

    /// The lookup Adjust uses, through the store the writer uses, with `storage`'s caches.
    static func latest(_ db: Database, _ storage: SQLiteStorage, _ recipientID: String, _ transactionID: String) throws -> String? {
        let store = SQLiteFeedbackStore(db: db, recipients: storage.recipientCache, sources: storage.sourceCache)
        return try store.latestConversion(recipientID: recipientID, transactionID: transactionID)?.id
    }

    @Test func afterARandomWorkloadEveryTransactionIDFindsTheNewestConversionCarryingIt() async throws {
        try await StatsAggregateTests.withStorage { s, clock in
            // Lead and sale claim (CREATE_NEW), WonClient claims (INCREMENT), QualifiedLead does not
            // (UPDATE); forty IDs shared by all of them, so both places answer and overlap.
            let done = try await StatsAggregateTests.randomWorkload(s, clock: clock, steps: 1_500, seed: 7)
            #expect(done > 1_000, "only \(done) writes took effect")
            try await s.database.pool.read { db in
                let claimed = try Int.fetchOne(db, sql: "SELECT count(*) FROM conversion WHERE claimed_transaction_id <> ''") ?? 0
                let indexed = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM conversion INDEXED BY conversion_by_recipient_transaction
                    WHERE transaction_id <> claimed_transaction_id
                    """) ?? 0
                let carrying = try Int.fetchOne(db, sql: "SELECT count(*) FROM conversion WHERE transaction_id <> ''") ?? 0
                #expect(claimed > 50, "only \(claimed) conversions were created under a claim")
                #expect(indexed > 20 && indexed < carrying, "the index holds \(indexed) of the \(carrying) conversions with an ID")
                var compared = 0, found = 0
                for recipient in ["crm-1", "crm-2", "crm-3"] {
                    for tx in (0..<40).map({ "T\($0)" }) + ["", "none"] {
                        let expected = try String.fetchOne(db, sql: Self.naive, arguments: [recipient, tx])
                        let got = try Self.latest(db, s, recipient, tx)
                        #expect(got == (tx.isEmpty ? nil : expected), "recipient \(recipient), transaction '\(tx)'")
                        compared += 1
                        if got != nil { found += 1 }
                    }
                }
                #expect(compared == 126 && found > 40, "\(found) of \(compared) lookups found a conversion")
            }
        }
    }

    @Test func aClaimedConversionWhoseIDChangesMovesIntoTheIndex() async throws {
        try await StatsAggregateTests.withStorage { s, _ in
            _ = try await s.putRecipient(Recipient(id: "crm-1"), options: PutOptions(), idempotency: nil)
            _ = try await s.putSource(Source(id: "v-1"), options: PutOptions(), idempotency: nil)
            for e in ["E1", "E2", "E3"] {
                _ = try await s.recordDelivery(Delivery(eventID: e, recipientID: "crm-1", sourceID: "v-1"), idempotency: nil)
            }
            func send(_ e: String, _ type: String, _ tx: String) async throws -> String {
                let r = try await s.recordFeedback(FeedbackInput(target: .eventID(e), kind: .conversion, conversionType: type,
                                                                 transactionID: tx), idempotency: nil, actor: "t")
                return try #require(r.conversion?.id)
            }
            func adjusted(_ tx: String) async throws -> String? {
                try await s.adjust(AdjustmentInput(target: .transaction(recipientID: "crm-1", transactionID: tx), kind: .approve),
                                   idempotency: nil, actor: "t").conversion?.id
            }
            func row(_ id: String) async throws -> (tx: String, claimed: String) {
                try await s.database.pool.read { db in
                    let r = try #require(try Row.fetchOne(db, sql: "SELECT transaction_id, claimed_transaction_id FROM conversion WHERE id = ?",
                                                          arguments: [id]))
                    return (r["transaction_id"], r["claimed_transaction_id"])
                }
            }
            let first = try await send("E1", "Lead", "T-1")  // CREATE_NEW: claims T-1
            #expect(try await row(first) == ("T-1", "T-1"))
            #expect(try await adjusted("T-1") == first)
            let updated = try await send("E2", "QualifiedLead", "T-1")  // UPDATE: no claim, so indexed
            #expect(try await row(updated) == ("T-1", ""))
            #expect(try await adjusted("T-1") == updated)
            let third = try await send("E3", "Lead", "T-1")  // another lead's key: its own claim, the newest
            #expect(try await adjusted("T-1") == third)

            // A CREATE_NEW conversion has no key slot, so nothing ever rewrites its ID; an
            // INCREMENT one has, and an UPDATE on its key after a mode switch rewrites it.
            let won = try await send("E1", "WonClient", "T-7")
            #expect(try await row(won) == ("T-7", "T-7"))
            var recipient = Recipient(id: "crm-1")
            recipient.feedback.conversionTypes = recipient.feedback.conversionTypes.map {
                $0.name == "WonClient" ? ConversionTypeSetting(name: "WonClient", mode: .update) : $0
            }
            _ = try await s.putRecipient(recipient, options: PutOptions(), idempotency: nil)
            #expect(try await send("E1", "WonClient", "T-8") == won)
            #expect(try await row(won) == ("T-8", "T-7"))
            let latest = try await s.database.pool.read { db in
                try ["T-8", "T-7", "T-1"].map { try Self.latest(db, s, "crm-1", $0) }
            }
            #expect(latest == [won, nil, third], "T-8 through the index, where it now is; T-7 is no longer its ID")
            // Adjust still finds it by the ID it claimed, through its instalment.
            #expect(try await adjusted("T-7") == won)
        }
    }
}
