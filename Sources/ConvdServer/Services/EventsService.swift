import ConvdCore
import ConvdProto
import ConvdStore

/// `Events/*`: the log of every feedback received, listed or watched live.
struct EventsService: Sendable {
    let storage: any ConvdStorage
    /// How often an open watch reads the newest seq for other daemons' commits (see `watch`).
    var foreignCommitPoll = Duration.seconds(1)
    /// Events read per query while watching.
    static let watchBatch = 500

    func list(_ req: Convd_V1_ListEventsRequest, ctx: CallContext) async throws -> Convd_V1_ListEventsResponse {
        let size = try Paging.size(req.pageSize)
        let cursor = try Paging.seq(req.pageToken)
        let filter = try EventFilter(proto: req.filter)
        let events = req.newestFirst
            ? try await storage.listEventsNewestFirst(filter, beforeSeq: cursor, limit: size + 1)
            : try await storage.listEvents(filter, afterSeq: cursor, limit: size + 1)
        var r = Convd_V1_ListEventsResponse()
        (r.events, r.nextPageToken) = Paging.page(events, size: size, proto: { $0.proto(logger: ctx.logger) }, token: { String($0.seq) })
        return r
    }

    /// Streams each committed event once, in seq order, until the client cancels. It reads the
    /// log from its last seq whenever a commit wakes it, so a missed wake-up never loses an event.
    /// Commits by another daemon on the same database wake no notifier here, so while a watch is
    /// open the newest seq is also read once a second (by rowid: one index step); SQLite
    /// serializes the daemons' writes, so seqs are in commit order and the cursor skips nothing.
    func watch(_ req: Convd_V1_WatchEventsRequest, ctx: CallContext, writer: ResponseStreamWriter) async throws {
        let filter = try EventFilter(proto: req.filter)
        let wakes = storage.notifier.subscribe()  // before reading, so no commit falls between
        let newest = try await storage.latestEventSeq()  // before listing: see ForeignCommitPoller
        var last = req.afterSeq > 0 ? try InputBounds.int64(req.afterSeq, field: "after_seq") : newest
        let poller = Task { [storage, foreignCommitPoll] in
            try await ForeignCommitPoller(storage: storage, interval: foreignCommitPoll).run(from: newest)
        }
        defer { poller.cancel() }
        var iterator = wakes.makeAsyncIterator()
        while !Task.isCancelled {
            let events = try await storage.listEvents(filter, afterSeq: last, limit: Self.watchBatch)
            for event in events {
                var part = Convd_V1_WatchEventsResponse()
                part.event = event.proto(logger: ctx.logger)
                try await writer.send(part)
                last = event.seq
            }
            if events.count == Self.watchBatch { continue }
            // The cursor moves only with events sent: a filtered query never returns the others,
            // and jumping ahead to the newest seq would skip events committed meanwhile.
            guard await iterator.next() != nil else { return }
        }
        throw CancellationError()
    }
}
