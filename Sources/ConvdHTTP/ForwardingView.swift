import ConvdCore
import ConvdProto
import ConvdServer
import ConvdWire
import HTTPTypes
import Hummingbird

/// `GET /forwarding`: the forwards still pending and the dead ones, per source, each with its
/// attempts so far and the last error; newest 500 of each state.
struct ForwardingView: Sendable {
    let dashboard: DashboardEndpoint

    func handle(_ request: Request) async -> Response {
        guard let viewer = dashboard.viewer(request) else { return dashboard.refuse() }
        var page = HTMLPage(title: "Forwarding")
        do {
            for state in [Convd_V1_OutboxState.pending, .dead] {
                var list = Convd_V1_ListForwardsRequest()
                list.state = state
                list.pageSize = 500
                let reply = try await dashboard.caller.call(MethodName(service: "Forwarding", method: "List"), list,
                                                            as: Convd_V1_ListForwardsResponse.self, role: viewer.role, principal: viewer.principal)
                let bySource = Dictionary(grouping: reply.items, by: \.sourceID)
                let name = Self.state(state).lowercased()
                page.add("<h2>\(Self.state(state))</h2>")
                page.add(HTMLPage.table(["Source", "Items", "Last error"], bySource.keys.sorted().map { s in
                    let items = bySource[s] ?? []
                    let last = items.max { $0.createdAtMs < $1.createdAtMs }
                    return [s, String(items.count) + (reply.nextPageToken.isEmpty ? "" : "+"), last?.lastError ?? ""].map(HTMLPage.text)
                }, id: "\(name)-by-source"))
                page.add(HTMLPage.table(["Item", "Source", "Conversion", "Kind", "Attempts", "Last HTTP status", "Last error", "Next attempt (UTC)"],
                                        reply.items.map { i in
                    [HTMLPage.text(String(i.id)), HTMLPage.text(i.sourceID),
                     "<a href=\"/conversions/\(DashboardEndpoint.percent(i.conversionID))\">\(HTMLPage.text(i.conversionID))</a>",
                     HTMLPage.text(i.kind), HTMLPage.text("\(i.attempts)/\(i.maxAttempts)"),
                     HTMLPage.text(i.lastStatusCode == 0 ? "" : String(i.lastStatusCode)), HTMLPage.text(i.lastError),
                     HTMLPage.text(i.nextAttemptAtMs == 0 ? "" : ISOTime.string(ms: i.nextAttemptAtMs))]
                }, id: name))
            }
            return DashboardEndpoint.page(page)
        } catch {
            page.add("<p class=\"failure\">\(HTMLPage.text(error.message))</p>")
            return DashboardEndpoint.page(page, status: HTTPStatusMapping.status(for: error.code))
        }
    }

    static func state(_ s: Convd_V1_OutboxState) -> String {
        switch s {
        case .pending: "PENDING"
        case .sent: "SENT"
        case .dead: "DEAD"
        default: "UNSPECIFIED"
        }
    }
}
