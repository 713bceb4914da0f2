import ConvdProto
import ConvdServer
import ConvdWire
import HTTPTypes
import Hummingbird

/// `GET /events/live`: the events view's live updates as server-sent events, from the same
/// stream as `Events/Watch` (recipient, source and outcome filters there; type here). Each
/// message is one row's cells as a JSON array; a comment every 10 s notices a reader that left.
/// A reader slower than the stream loses the oldest of 1,000 queued rows, not the daemon's memory.
struct LiveEventsEndpoint: Sendable {
    let dashboard: DashboardEndpoint
    let streams: LiveStreams

    static let lastEventID = HTTPField.Name("Last-Event-ID")!

    private enum Item: Sendable {
        case event(Convd_V1_FeedbackEvent)
        case heartbeat
    }

    func handle(_ request: Request) async -> Response {
        guard let viewer = dashboard.viewer(request) else { return dashboard.refuse() }
        let q = DashboardEndpoint.query(request)
        var watch = Convd_V1_WatchEventsRequest()
        watch.afterSeq = UInt64(q["after_seq"] ?? "") ?? 0  // no-trap: parses text
        // A browser reconnecting names the last row it got; start after it, not after the page's.
        if let last = request.headers[Self.lastEventID].flatMap({ UInt64($0) }) { watch.afterSeq = max(watch.afterSeq, last) }  // no-trap: parses text
        watch.filter.recipientID = q["recipient"] ?? ""
        watch.filter.sourceID = q["source"] ?? ""
        if let name = q["outcome"], let o = OutcomeName.all.first(where: { OutcomeName.name($0) == name.uppercased() }) {
            watch.filter.outcomes = [o]
        }
        let type = q["type"]?.lowercased()
        let caller = dashboard.caller
        let request = watch
        let streams = self.streams
        let body = ResponseBody { writer in
            let (items, feed) = AsyncStream<Item>.makeStream(bufferingPolicy: .bufferingNewest(1_000))
            let source = Task {
                try? await caller.stream(MethodName(service: "Events", method: "Watch"), request, as: Convd_V1_WatchEventsResponse.self,
                                         role: viewer.role, principal: viewer.principal) { part in feed.yield(.event(part.event)) }
                feed.finish()
            }
            let tracked = streams.add(source)
            let beat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(10))
                    feed.yield(.heartbeat)
                }
            }
            defer {
                source.cancel()
                beat.cancel()
                streams.remove(tracked)
            }
            try await writer.write(ByteBuffer(string: ": convd live events\n\n"))
            for await item in items {
                switch item {
                case .heartbeat:
                    try await writer.write(ByteBuffer(string: ": still here\n\n"))
                case .event(let e) where DashboardEventRow.matches(e, type: type):
                    let cells = ReplyDocument.list(DashboardEventRow.cells(e).map { .text($0) }).json
                    try await writer.write(ByteBuffer(string: "id: \(e.seq)\ndata: \(cells)\n\n"))
                case .event:
                    continue
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// The events view's only script: adds each live row at the top of the table, as text.
    static let script = """
        <script>
        (function () {
          var p = document.getElementById('live'), body = document.querySelector('#events tbody');
          if (!p || !body || !window.EventSource) return;
          var source = new EventSource(p.dataset.url);
          source.onmessage = function (m) {
            var cells = JSON.parse(m.data), tr = document.createElement('tr');
            tr.className = 'live';
            cells.forEach(function (text) { var td = document.createElement('td'); td.textContent = text; tr.appendChild(td); });
            body.insertBefore(tr, body.firstChild);
          };
        })();
        </script>
        """
}
