import ConvdCore
import ConvdProto
import ConvdServer
import ConvdWire
import Foundation
import HTTPTypes
import Hummingbird

/// The read-only dashboard: the events view (`/`, newest first, filtered by recipient, source,
/// type, outcome and date range) and conversions per day (`/stats`, an SVG chart with approved
/// and pending apart and returns beside them, and its table). Pages are built on the server and
/// need no JavaScript. Reads go through the socket's routes as a reader (a token of any role, by
/// bearer or by HTTP basic so a browser can prompt; or nothing at all on a loopback listener
/// started with `--http-dashboard-open`).
struct DashboardEndpoint: Sendable {
    let caller: InProcessCaller
    let tokens: HTTPTokenTable
    let open: Bool

    /// Who is looking: a token's name, or the open dashboard's reader.
    func viewer(_ request: Request) -> (role: Role, principal: String)? {
        if let token = try? tokens.authenticate(request.headers[.authorization]) { return (token.role, "http-token:\(token.name)") }
        return open && request.headers[.authorization] == nil ? (.reader, "http-dashboard") : nil
    }

    func refuse() -> Response {
        Response(status: .unauthorized, headers: [.wwwAuthenticate: "Basic realm=\"convd dashboard\"", .contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: "a reader token is needed: use it as the password (any user name)\n")))
    }

    static func page(_ p: HTMLPage, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: p.html)))
    }

    static func query(_ request: Request) -> [String: String] {
        var q: [String: String] = [:]
        for (k, v) in request.uri.queryParameters where !v.isEmpty { q[String(k)] = String(v) }
        return q
    }

    /// Unix ms of the start of `day` ("2026-11-23", UTC), plus `days` days.
    static func dayStart(_ day: String?, plus days: Int64 = 0) -> Int64? {
        guard let day, let ms = FeedbackFields.time(day + "T00:00:00Z") else { return nil }
        return ms + days * 86_400_000
    }

    /// `s` escaped for a URL query value.
    static func percent(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? ""
    }

    /// The filter form, keeping what was asked.
    private static func form(_ q: [String: String], action: String, fields: [String]) -> String {
        let inputs = fields.map { f in
            "<label>\(f) <input name=\"\(f)\" value=\"\(HTMLPage.text(q[f] ?? ""))\"\(f == "from" || f == "to" ? " placeholder=\"YYYY-MM-DD\"" : "")></label>"
        }
        return "<form method=\"get\" action=\"\(action)\">" + inputs.joined() + "<button type=\"submit\">Filter</button></form>"
    }

    /// `GET /`: the newest 200 events matching the filters.
    func events(_ request: Request) async -> Response {
        guard let viewer = viewer(request) else { return refuse() }
        let q = Self.query(request)
        var list = Convd_V1_ListEventsRequest()
        list.newestFirst = true
        list.pageSize = 200
        list.filter.recipientID = q["recipient"] ?? ""
        list.filter.sourceID = q["source"] ?? ""
        list.filter.fromMs = Self.dayStart(q["from"]) ?? 0
        list.filter.toMs = Self.dayStart(q["to"], plus: 1) ?? 0
        var page = HTMLPage(title: "Events")
        if let name = q["outcome"] {
            guard let o = OutcomeName.all.first(where: { OutcomeName.name($0) == name.uppercased() }) else {
                page.add("<p class=\"failure\">outcome '\(HTMLPage.text(name))' is not one of \(OutcomeName.all.map(OutcomeName.name).joined(separator: ", "))</p>")
                return Self.page(page, status: .badRequest)
            }
            list.filter.outcomes = [o]
        }
        page.add(Self.form(q, action: "/", fields: ["recipient", "source", "type", "outcome", "from", "to"]))
        do {
            let reply = try await caller.call(MethodName(service: "Events", method: "List"), list, as: Convd_V1_ListEventsResponse.self,
                                              role: viewer.role, principal: viewer.principal)
            let type = q["type"]?.lowercased()
            let shown = reply.events.filter { DashboardEventRow.matches($0, type: type) }
            let rows = shown.map(DashboardEventRow.html)
            page.add("<p>\(rows.count) events, newest first.</p>")
            page.add(HTMLPage.table(DashboardEventRow.headers, rows, id: "events"))
            // Live rows: the same filters over Events/Watch, after the newest event listed.
            var live = q
            live["after_seq"] = String(reply.events.map(\.seq).max() ?? 0)
            live["from"] = nil
            live["to"] = nil
            let url = "/events/live?" + live.keys.sorted().map { "\($0)=\(Self.percent(live[$0] ?? ""))" }.joined(separator: "&")
            page.add("<p id=\"live\" data-url=\"\(HTMLPage.text(url))\">Live: new events appear at the top.</p>")
            page.add(LiveEventsEndpoint.script)
            return Self.page(page)
        } catch {
            page.add("<p class=\"failure\">\(HTMLPage.text(error.message))</p>")
            return Self.page(page, status: HTTPStatusMapping.status(for: error.code))
        }
    }

    /// `GET /stats`: conversions per day for a range and filter, as a chart and a table; with
    /// `by=recipient|source|type`, one chart and table per group.
    func stats(_ request: Request) async -> Response {
        guard let viewer = viewer(request) else { return refuse() }
        let q = Self.query(request)
        var s = Convd_V1_StatsRequest()
        s.groupBy = .day
        s.filter.recipientID = q["recipient"] ?? ""
        s.filter.sourceID = q["source"] ?? ""
        s.filter.conversionType = q["type"] ?? ""
        s.filter.fromMs = Self.dayStart(q["from"]) ?? 0
        s.filter.toMs = Self.dayStart(q["to"], plus: 1) ?? 0
        var page = HTMLPage(title: "Conversions per day")
        page.add(Self.form(q, action: "/stats", fields: ["recipient", "source", "type", "from", "to", "by"]))
        if let by = q["by"] {
            let groupings: [String: Convd_V1_StatsGrouping] = ["recipient": .recipient, "source": .source, "type": .type]
            guard let g = groupings[by] else {
                page.add("<p class=\"failure\">by: '\(HTMLPage.text(by))' is not recipient, source or type</p>")
                return Self.page(page, status: .badRequest)
            }
            s.groupBy = g
            s.thenBy = .day
        }
        do {
            let reply = try await caller.call(MethodName(service: "Conversions", method: "Stats"), s, as: Convd_V1_StatsResponse.self,
                                              role: viewer.role, principal: viewer.principal)
            if s.thenBy == .day {
                let groups = Dictionary(grouping: reply.rows, by: \.group)
                for (n, name) in groups.keys.sorted().enumerated() {
                    let days = (groups[name] ?? []).map { r -> (String, Convd_V1_StatsRow) in (r.subgroup, r) }.filter { $0.0 != "invalid-date" }
                    page.add("<h2>\(HTMLPage.text(name))</h2>")
                    page.add(StatsChart.svg(days, id: "chart-\(n)", group: name))
                    page.add(ValueChart.svgs(days, id: "value-\(n)"))
                    page.add(Self.table(days, id: "stats-\(n)"))
                }
            } else {
                let days = reply.rows.map { ($0.group, $0) }.filter { $0.0 != "invalid-date" }
                page.add(StatsChart.svg(days, id: "chart", group: ""))
                page.add(ValueChart.svgs(days, id: "value"))
                page.add(Self.table(days, id: "stats"))
            }
            return Self.page(page)
        } catch {
            page.add("<p class=\"failure\">\(HTMLPage.text(error.message))</p>")
            return Self.page(page, status: HTTPStatusMapping.status(for: error.code))
        }
    }

    /// A day's approved and pending conversions and values and its returns, one row per day.
    private static func table(_ days: [(String, Convd_V1_StatsRow)], id: String) -> String {
        let rows = days.map { day, r in
            [day, String(r.conversions - min(r.conversions, r.pendingConversions)), String(r.pendingConversions), MoneyText.text(r.approvedValue),
             MoneyText.text(r.pendingValue), String(r.returns)].map(HTMLPage.text)
        }
        return HTMLPage.table(["Day (UTC)", "Approved", "Pending", "Approved value", "Pending value", "Returns"], rows, id: id)
    }
}
