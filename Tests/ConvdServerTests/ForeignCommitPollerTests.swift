import ConvdClient
import ConvdProto
import ConvdTestSupport
import Testing
@testable import ConvdServer

/// The watch's poll for other daemons' commits, on the real server's storage.
struct ForeignCommitPollerTests {
    /// A commit that lands after the watch read its baseline but before the poller first looks is
    /// still announced. (CI once caught the watch on a second daemon missing three sales: its
    /// poller read its own baseline after they were committed, and took them as seen.)
    @Test func aCommitBeforeThePollersFirstLookStillWakesTheWatch() async throws {
        try await TestServer().run { server in
            let c = try await server.client()
            try await Fixtures.seed(c, events: ["E1"])
            let baseline = try await server.storage.latestEventSeq()
            // Committed while nothing listens, as another daemon's commit is heard by nothing here.
            _ = try await c.recordFeedback(Fixtures.conversion("E1", "WonClient", 100))
            let wakes = server.storage.notifier.subscribe()
            let poller = ForeignCommitPoller(storage: server.storage, interval: .milliseconds(10))
            let polling = Task { try await poller.run(from: baseline) }
            let woken = Collected<Void>()
            let listening = Task { for await _ in wakes { woken.append(()) } }
            defer { polling.cancel(); listening.cancel() }
            // Throws, failing the test, when the poller never announces the commit made after its baseline.
            try await woken.wait(forCount: 1, atMost: .seconds(30))
        }
    }
}
