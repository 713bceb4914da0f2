@testable import ConvdStore
import ConvdCore
import ConvdTestSupport
import GRDB
import Testing

/// Since v15 the unique mode key holds only conversions with a key slot: CREATE_NEW ones (no
/// slot) stay out of it, and the slotted ones keep their uniqueness, which is what makes a
/// concurrent twin of an UPDATE, IGNORE_DUPLICATES or INCREMENT conversion lose.
struct ModeKeyTests {
    @Test func theKeyHoldsTheSlottedConversionsOnceEachAndNoCreateNewOne() async throws {
        try await StatsAggregateTests.withStorage { s, clock in
            let done = try await StatsAggregateTests.randomWorkload(s, clock: clock, steps: 1_000, seed: 3)
            #expect(done > 600, "only \(done) writes took effect")
            let (slotted, unslotted, indexed, twins) = try await s.database.pool.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM conversion NOT INDEXED WHERE key_slot IS NOT NULL") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM conversion NOT INDEXED WHERE key_slot IS NULL") ?? 0,
                 // An index B-tree keeps one entry per cell, interior pages included.
                 try Int.fetchOne(db, sql: "SELECT sum(ncell) FROM dbstat WHERE name = 'conversion_mode_key'") ?? 0,
                 try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM (SELECT 1 FROM conversion NOT INDEXED WHERE key_slot IS NOT NULL
                    GROUP BY recipient_id, type_key, attribution_id, key_slot HAVING count(*) > 1)
                    """) ?? 0)
            }
            #expect(slotted > 50 && unslotted > 50, "\(slotted) conversions with a slot, \(unslotted) without")
            #expect(indexed == slotted, "the key holds \(indexed) entries for \(slotted) slotted conversions")
            #expect(twins == 0)
        }
    }

    @Test func aTwinOfASlottedConversionIsNotInsertedAndACreateNewOneIs() async throws {
        try await StatsAggregateTests.withStorage { s, _ in
            let inserted = try await s.database.pool.write { db in
                func conversion(_ id: String, _ mode: ConversionMode) -> Conversion {
                    Conversion(id: id, recipientID: "crm-1", sourceID: "v-1", conversionType: "QualifiedLead", attributionID: "E1",
                               eventID: "E1", clickID: "", mode: mode, status: .approved, reason: "", amount: nil, fields: [:],
                               transactionID: "", version: 1, postbackCount: 1, test: false, createdAtMs: 1, updatedAtMs: 1, occurredAtMs: 1)
                }
                return [try ConversionRecord.insert(conversion("C1", .update), slot: 0, in: db),
                        try ConversionRecord.insert(conversion("C2", .update), slot: 0, in: db),
                        try ConversionRecord.insert(conversion("C3", .update), slot: 1, in: db),
                        try ConversionRecord.insert(conversion("C4", .createNew), slot: nil, in: db),
                        try ConversionRecord.insert(conversion("C5", .createNew), slot: nil, in: db)]
            }
            #expect(inserted == [true, false, true, true, true])
        }
    }
}
