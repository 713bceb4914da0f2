import ConvdStore

/// Wakes a watch when another daemon on the same database commits events, which no notifier in
/// this process hears: it reads the newest seq every `interval` and notifies when it has moved.
struct ForeignCommitPoller: Sendable {
    let storage: any ConvdStorage
    let interval: Duration

    /// Polls until cancelled, notifying whenever the newest seq passes the last one seen. The
    /// caller reads `baseline` before its first listing: a poller that read its own start could
    /// read it after a foreign commit the listing missed, take that commit as seen, and never wake.
    func run(from baseline: Int64) async throws {
        var seen = baseline
        while !Task.isCancelled {
            try await Task.sleep(for: interval)
            let newest = try await storage.latestEventSeq()
            if newest > seen {
                seen = newest
                storage.notifier.notify()
            }
        }
    }
}
