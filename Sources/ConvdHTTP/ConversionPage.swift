import ConvdCore
import ConvdProto
import ConvdServer
import ConvdWire
import HTTPTypes
import Hummingbird

/// `GET /conversions/ID`: one conversion with every version it has had (what made it, who, when),
/// its instalments, and every forward of it to its source with each attempt (what was sent where,
/// what came back).
struct ConversionPage: Sendable {
    let dashboard: DashboardEndpoint
    /// Forwards read to find this conversion's, newest pages first: bounded so a busy source
    /// cannot make one page read the whole outbox.
    static let forwardPages = 5

    func handle(_ request: Request, id: String) async -> Response {
        guard let viewer = dashboard.viewer(request) else { return dashboard.refuse() }
        var page = HTMLPage(title: "Conversion \(id)")
        do {
            var get = Convd_V1_GetConversionRequest()
            get.id = id
            let c = try await dashboard.caller.call(MethodName(service: "Conversions", method: "Get"), get, as: Convd_V1_GetConversionResponse.self,
                                                    role: viewer.role, principal: viewer.principal).conversion
            page.add("<p>\(HTMLPage.text("\(c.conversionType) for lead \(c.eventID), recipient \(c.recipientID), source \(c.sourceID)"))</p>")
            let versions = c.history + [Self.current(c)]
            page.add("<h2>Versions</h2>" + HTMLPage.table(
                ["Version", "Made by", "Status", "Amount", "Reason", "Actor", "Recorded (UTC)"],
                versions.map { v in
                    [String(v.version), OutcomeName.name(v.cause), StatusName.name(v.status), MoneyText.text(v.amount), v.reason, v.actor,
                     ISOTime.string(ms: v.recordedAtMs)].map(HTMLPage.text)
                }, id: "versions"))
            if !c.instalments.isEmpty {
                page.add("<h2>Instalments</h2>" + HTMLPage.table(
                    ["Number", "Transaction", "Amount", "Status", "Occurred (UTC)"],
                    c.instalments.map { i in
                        [String(i.number), i.transactionID, MoneyText.text(i.amount), StatusName.name(i.status), ISOTime.string(ms: i.occurredAtMs)]
                            .map(HTMLPage.text)
                    }, id: "instalments"))
            }
            var list = Convd_V1_ListForwardsRequest()
            list.sourceID = c.sourceID
            list.fromMs = c.createdAtMs
            list.includeAttempts = true
            list.pageSize = 1_000
            var items: [Convd_V1_OutboxItem] = [], pages = 0, more = false
            repeat {
                let reply = try await dashboard.caller.call(MethodName(service: "Forwarding", method: "List"), list,
                                                            as: Convd_V1_ListForwardsResponse.self, role: viewer.role, principal: viewer.principal)
                items += reply.items.filter { $0.conversionID == c.id }
                list.pageToken = reply.nextPageToken
                pages += 1
                more = !reply.nextPageToken.isEmpty
            } while more && pages < Self.forwardPages
            var rows: [[String]] = []
            for item in items {
                let head = [String(item.id), item.kind, ForwardingView.state(item.state), "\(item.method) \(item.url)", item.body]
                if item.attemptLog.isEmpty { rows.append((head + ["", "", "", ""]).map(HTMLPage.text)) }
                for a in item.attemptLog {
                    rows.append((head + [ISOTime.string(ms: a.atMs), a.statusCode == 0 ? "" : String(a.statusCode), a.error, a.bodyPrefix])
                        .map(HTMLPage.text))
                }
            }
            page.add("<h2>Forwards</h2>" + HTMLPage.table(["Item", "Kind", "State", "Sent to", "Sent", "Attempt (UTC)", "HTTP status", "Error", "Reply (start)"],
                                                          rows, id: "forwards"))
            if more { page.add("<p>Only the source's first \(Self.forwardPages * 1_000) forwards since this conversion were searched.</p>") }
            return DashboardEndpoint.page(page)
        } catch {
            page.add("<p class=\"failure\">\(HTMLPage.text(error.message))</p>")
            return DashboardEndpoint.page(page, status: HTTPStatusMapping.status(for: error.code))
        }
    }

    /// The conversion as it is now, as a version row.
    private static func current(_ c: Convd_V1_Conversion) -> Convd_V1_ConversionVersion {
        var v = Convd_V1_ConversionVersion()
        v.version = c.version
        v.status = c.status
        v.amount = c.amount
        v.reason = c.reason
        v.recordedAtMs = c.updatedAtMs
        v.cause = c.version == 1 ? .created : .unspecified
        return v
    }
}
