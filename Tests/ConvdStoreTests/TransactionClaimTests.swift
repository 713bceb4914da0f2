@testable import ConvdStore
import ConvdCore
import GRDB
import Testing

/// The transaction-ID claims after v12 keyed them by transaction first: a repeat of a key's
/// transaction is still caught, the same ID under another key is its own claim, and the lookup
/// by transaction alone answers the latest claim, as it did when it could sort by rowid.
@Suite struct TransactionClaimTests {
    static func withStore(_ body: (SQLiteFeedbackStore) throws -> Void) throws {
        let queue = try DatabaseQueue()
        try ConvdMigrations.migrator.migrate(queue)
        try queue.write { db in
            let store = SQLiteFeedbackStore(
                db: db,
                recipients: StampedCache(table: "recipient", columns: RecipientRecord.columns, decode: RecipientRecord.recipient(from:)),
                sources: StampedCache(table: "source", columns: SourceRecord.columns, decode: SourceRecord.source(from:)))
            try body(store)
        }
    }

    @Test func aRepeatIsCaughtPerKeyAndTheLookupAnswersTheLatestClaim() throws {
        try Self.withStore { (store: SQLiteFeedbackStore) throws in
            func claim(_ type: String, _ attribution: String, _ tx: String, _ conversion: String) throws -> String? {
                try store.claimTransaction(recipientID: "crm-1", typeKey: type, attributionID: attribution, transactionID: tx,
                                           conversionID: conversion, atMs: 1_800_000_000_000)
            }
            // Inserted so that key order (type, attribution) and claim order disagree.
            #expect(try claim("wonclient", "E9", "INV-1", "C-first") == nil)
            #expect(try claim("lead", "E1", "INV-1", "C-second") == nil)
            #expect(try claim("lead", "E1", "INV-2", "C-third") == nil)
            // The same key and transaction again: the first claim's conversion, nothing new stored.
            #expect(try claim("wonclient", "E9", "INV-1", "C-other") == "C-first")
            #expect(try claim("lead", "E1", "INV-1", "C-other") == "C-second")

            #expect(try store.claimedConversionID(recipientID: "crm-1", transactionID: "INV-1") == "C-second")
            #expect(try store.claimedConversionID(recipientID: "crm-1", transactionID: "INV-2") == "C-third")
            #expect(try store.claimedConversionID(recipientID: "crm-1", transactionID: "INV-3") == nil)
            #expect(try store.claimedConversionID(recipientID: "crm-2", transactionID: "INV-1") == nil)
            #expect(try Int.fetchOne(store.db, sql: "SELECT count(*) FROM conversion_transaction") == 3)
        }
    }
}
