@testable import ConvdStore
import ConvdCore
import ConvdTestSupport
import GRDB
import Synchronization
import Testing

/// The pieces the writer's hot path was rebuilt from: savepoints prepared once, rows read by
/// exact column name, statements bound and stepped through SQLite's C API, randomness drawn in
/// bulk. Each must behave exactly as what it replaced.
@Suite struct HotPathPiecesTests {
    @Test func aCachedSavepointKeepsItsWorkOrRollsBackOnlyItsOwn() throws {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE TABLE t (v INTEGER)")
            try db.inCachedSavepoint("outer") {
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                struct Refused: Error {}
                #expect(throws: Refused.self) {
                    try db.inCachedSavepoint("inner") {
                        try db.execute(sql: "INSERT INTO t VALUES (2)")
                        throw Refused()
                    }
                }
                let kept = try db.inCachedSavepoint("inner") { () throws -> Int in
                    try db.execute(sql: "INSERT INTO t VALUES (3)")
                    return 3
                }
                #expect(kept == 3)
            }
        }
        // The same cached statements, many times over, in one transaction.
        try db.write { db in
            for i in 0..<100 {
                try? db.inCachedSavepoint("job") {
                    try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [10 + i])
                    if i % 2 == 1 { throw CancellationError() }
                }
            }
        }
        let values = try db.read { try Int.fetchAll($0, sql: "SELECT v FROM t ORDER BY v") }
        #expect(values == [1, 3] + stride(from: 10, to: 110, by: 2))
    }

    @Test func steppedStatementsBindInOrderAndReadWhatWasWritten() throws {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, flag INTEGER, note TEXT)")
            let none: String? = nil
            try db.exec("INSERT INTO t VALUES (?, ?, ?, ?)", "a", Int64(1), true, none)
            try db.exec("INSERT INTO t VALUES (?, ?, ?, ?)", "b", 2, false, Optional("two"))
            let a = try db.first("SELECT id, n, flag, note FROM t WHERE id = ?", "a") { row in
                (try row.value("id") as String, try row.value("n") as Int64, try row.value("flag") as Bool, try row.value("note") as String?)
            }
            #expect(a?.0 == "a" && a?.1 == 1 && a?.2 == true && a?.3 == nil)
            #expect(try db.scalar(String.self, "SELECT note FROM t WHERE id = ?", "b") == "two")
            #expect(try db.scalar(String.self, "SELECT note FROM t WHERE id = ?", "zz") == nil)
            // A SELECT of many rows stopped on its first is reset, so the next use starts over.
            for _ in 0..<3 {
                #expect(try db.scalar(String.self, "SELECT id FROM t ORDER BY id") == "a")
            }
        }
    }

    @Test func steppedStatementsReportSQLiteErrorsAndBadReadsWithoutTrapping() throws {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE TABLE t (id TEXT PRIMARY KEY, note TEXT)")
            try db.exec("INSERT INTO t VALUES (?, ?)", "a", Optional<String>.none)
            let twice = #expect(throws: DatabaseError.self) { try db.exec("INSERT INTO t VALUES (?, ?)", "a", "again") }
            #expect(twice?.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY, "\(String(describing: twice))")
            #expect(twice?.message?.contains("UNIQUE constraint failed: t.id") == true, "\(String(describing: twice))")
            // The statement that failed is usable again.
            try db.exec("INSERT INTO t VALUES (?, ?)", "b", "bee")

            let short = #expect(throws: DatabaseError.self) { try db.exec("INSERT INTO t VALUES (?, ?)", "c") }
            #expect(short?.resultCode == .SQLITE_MISUSE && short?.message == "1 arguments for 2 placeholders", "\(String(describing: short))")

            let null = #expect(throws: DatabaseError.self) {
                try db.first("SELECT note FROM t WHERE id = ?", "a") { row in try row.value("note") as String }
            }
            #expect(null?.message?.contains("column note holds NULL, not String") == true, "\(String(describing: null))")
            let missing = #expect(throws: DatabaseError.self) {
                try db.first("SELECT note FROM t WHERE id = ?", "b") { row in try row.value("nope") as String }
            }
            #expect(missing?.message == "no column nope among note", "\(String(describing: missing))")
            #expect(try db.scalar(Int.self, "SELECT count(*) FROM t") == 2)
        }
    }

    @Test func pooledRandomnessNeverRepeatsAcrossThreads() async throws {
        let seen = Mutex<Set<UInt64>>([])
        await withTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var g = PooledRandomGenerator()
                    return (0..<5_000).map { _ in g.next() }
                }
            }
            for await words in group { seen.withLock { $0.formUnion(words) } }
        }
        // 40,000 draws of 64 random bits: a repeat would mean a word handed out twice.
        #expect(seen.withLock { $0.count } == 40_000)
        var g = PooledRandomGenerator()
        let ids = Set((0..<10_000).map { _ in TimeSortableID.make(ms: 1_700_000_000_000, using: &g) })
        #expect(ids.count == 10_000)
    }
}
