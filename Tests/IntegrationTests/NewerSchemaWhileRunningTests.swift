import ConvdClient
import ConvdProto
import ConvdTestSupport
import ConvdWire
import Foundation
import GRDB
import Testing

/// A daemon whose SQLite file a newer convd migrates while it runs (daemons sharing one file,
/// upgraded one at a time) refuses every write by name, writes nothing, and keeps serving reads;
/// and every database this build opens carries its schema number in SQLite's `user_version`.
@Suite
struct NewerSchemaWhileRunningTests {
    /// What a newer build's migration might do, each ending with the stamp it writes (99).
    static let migrations = [
        // The shape of v15 seen from v14: the insert's ON CONFLICT target no longer names a unique index.
        """
        BEGIN;
        INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future');
        DROP INDEX conversion_mode_key;
        CREATE UNIQUE INDEX conversion_mode_key ON conversion(recipient_id, type_key, attribution_id, key_slot) WHERE key_slot > 0;
        PRAGMA user_version = 99;
        COMMIT;
        """,
        // A migration of data alone: nothing would fail, the old build would simply write on.
        """
        BEGIN;
        INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future');
        PRAGMA user_version = 99;
        COMMIT;
        """,
    ]

    @Test(arguments: migrations)
    func aNewerConvdsMigrationStopsEveryWriteAndNoRead(_ migration: String) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        let client = try await ConvdClient.connect(socketPath: dir.file("convd.sock"))
        try await BackupRestoreTests.seed(client)
        try await BackupRestoreTests.sale(client, 0)

        try StartRefusalTests.sqlite(dir.file("convd.sqlite"), migration)

        let error = await #expect(throws: StatusError.self) { try await BackupRestoreTests.sale(client, 1) }
        #expect(error?.code == .failedPrecondition)
        #expect(error?.message.contains("a newer convd migrated \(dir.file("convd.sqlite")) to schema 99 while this daemon (schema") == true,
                "\(String(describing: error))")
        #expect(error?.message.contains("nothing was written: restart this daemon with the newer build") == true)
        // A directory write is refused the same way: the check is the writer's, not the feedback path's.
        var s = Convd_V1_Source()
        s.id = "v-2"
        await #expect(throws: StatusError.self) { _ = try await client.putSource(s) }

        // Reads go on, and show that nothing after the migration was written.
        _ = try await client.health()
        var list = Convd_V1_ListConversionsRequest()
        list.filter.recipientID = "crm-1"
        list.pageSize = 10
        #expect(try await client.listConversions(list).conversions.map(\.eventID) == ["E0"])
        await client.close()
        #expect(try await daemon.stop() == 0)
        #expect(daemon.output.contains("the database was migrated by a newer convd; refusing every write until restarted"), "\(daemon.output)")
        #expect(Self.occurrences(of: "migrated by a newer convd", in: daemon.output) == 1, "logged once, not once per refused write")
    }

    @Test func everyDatabaseOpenedCarriesThisBuildsSchemaNumber() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        #expect(try await daemon.stop() == 0)
        let (fresh, migrations) = try Self.stampAndMigrations(dir.file("convd.sqlite"))
        #expect(fresh == migrations)
        #expect(fresh >= 15)
        // A file migrated by a build that stamped nothing is stamped when this one opens it.
        try StartRefusalTests.sqlite(dir.file("convd.sqlite"), "PRAGMA user_version = 0;")
        let again = try await DaemonProcess.start(arguments: ["--data-dir", dir.path, "--log-level", "warning"])
        #expect(try await again.stop() == 0)
        #expect(try Self.stampAndMigrations(dir.file("convd.sqlite")).stamp == fresh)
    }

    /// Counts a daemon's log line.
    static func occurrences(of text: String, in output: String) -> Int {
        output.components(separatedBy: text).count - 1
    }

    /// The file's `user_version` and its applied migrations, read with the daemon stopped.
    static func stampAndMigrations(_ path: String) throws -> (stamp: Int, migrations: Int) {
        try DatabaseQueue(path: path).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? -1, try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? -2)
        }
    }
}
