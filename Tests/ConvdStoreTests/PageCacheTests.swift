import ConvdStore
import ConvdTestSupport
import GRDB
import Testing

/// The writer gets the configured page cache (the index pages every feedback touches: ingest
/// stays flat as the tables grow); readers keep a small one, so five readers do not hold five
/// times that much memory.
struct PageCacheTests {
    static func cacheKiB(_ db: Database) throws -> Int {
        -(try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0)
    }

    @Test func theWriterHasTheConfiguredCacheAndReadersASmallOne() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var config = DatabaseConfiguration(path: dir.file("c.sqlite"))
        #expect(config.pageCacheMiB == 256, "the default the growth bench measured")
        config.pageCacheMiB = 100
        let database = try ConvdDatabase(configuration: config)
        defer { try? database.close() }
        #expect(try await database.pool.write { try Self.cacheKiB($0) } == 100 * 1024)
        #expect(try await database.pool.read { try Self.cacheKiB($0) } == DatabaseConfiguration.readerPageCacheMiB * 1024)
    }
}
