import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdWire
import Foundation

/// `convctl source put|get|list|delete`.
struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source", abstract: "Manage sources (who sold or sent us the lead).",
        subcommands: [Put.self, Get.self, List.self, Delete.self, Restore.self, StatementCommand.Show.self, StatementCommand.Close.self])

    static var columns: [(String, (Convd_V1_Source) -> String)] { [
        ("ID", \.id), ("NAME", \.name),
        ("FORWARDING", { $0.hasForwarding ? "\(formatName($0.forwarding.format)) \($0.forwarding.url)" : "off" }),
        ("RETURN_CAP", capText),
    ] }

    static func formatName(_ f: Convd_V1_ForwardFormat) -> String {
        switch f {
        case .unspecified, .json: "JSON"
        case .xml: "XML"
        case .form: "FORM"
        case .get: "GET"
        case .UNRECOGNIZED(let n): "\(n)"
        }
    }

    static func capText(_ s: Convd_V1_Source) -> String {
        switch s.returnCap.cap {
        case .maxCount(let n)?: "\(n)/month"
        case .maxShareBps(let bps)?: "\(Double(bps) / 100)%/month"
        case nil: "none"
        }
    }

    static func fields(_ s: Convd_V1_Source) -> [(String, String)] {
        var f: [(String, String)] = [("id", s.id), ("name", s.name), ("return_cap", capText(s))]
        if s.hasForwarding {
            let w = s.forwarding
            let kinds = [("conversions", w.conversions), ("returns", w.returns), ("adjustments", w.adjustments)]
                .filter(\.1).map(\.0).joined(separator: ",")
            f += [("forward_url", w.url), ("forward_format", formatName(w.format)), ("forward_kinds", kinds),
                  ("forward_timeout_ms", "\(w.timeoutMs)"), ("forward_max_attempts", "\(w.maxAttempts)")]
            f += w.fieldMapping.sorted { $0.key < $1.key }.map { ("map \($0.key)", $0.value) }
            f += w.headers.sorted { $0.key < $1.key }.map { ("header \($0.key)", $0.value) }
        } else {
            f.append(("forwarding", "off"))
        }
        if s.hasLeadCost {
            if s.leadCost.hasDefaultCost { f.append(("lead_cost", MoneyText.text(s.leadCost.defaultCost))) }
            f += s.leadCost.byRecipient.sorted { $0.key < $1.key }.map { ("lead_cost \($0.key)", MoneyText.text($0.value)) }
        }
        f += s.labels.sorted { $0.key < $1.key }.map { ("label \($0.key)", $0.value) }
        f += [("created_at", isoTime(s.createdAtMs)), ("updated_at", isoTime(s.updatedAtMs)), ("updated_at_ms", "\(s.updatedAtMs)")]
        if s.archivedAtMs != 0 { f.append(("archived_at", isoTime(s.archivedAtMs))) }
        return f
    }

    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a source, or change the settings given.",
            discussion: """
                On an existing source only the flags given change: `--forward-url X` keeps its name, return cap, mapping and \
                API-key headers (--replace replaces the whole source). Repeatable flags (--map, --header, --label) replace \
                their whole list.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Source id (a slug).") var id: String
        @Option(help: "Display name.") var name: String?
        @Option(name: .customLong("label"), help: "key=value; repeatable.") var labels: [String] = []
        @Option(help: "Forwarding endpoint (http or https); enables forwarding.") var forwardUrl: String?
        @Option(help: "JSON, XML, FORM or GET.") var forwardFormat: String?
        @Option(help: "Comma-separated: conversions, returns, adjustments.") var forwardKinds: String?
        @Option(name: .customLong("map"), help: "OUTPUT=TEMPLATE, e.g. cid={click_id}; repeatable.") var mappings: [String] = []
        @Option(name: .customLong("header"), help: "Name=value; repeatable.") var headers: [String] = []
        @Option(help: "Per-attempt timeout in ms (0: 10000).") var forwardTimeoutMs: UInt32?
        @Option(help: "Attempts before DEAD (0: 8).") var maxAttempts: UInt32?
        @Option(help: "A 2xx counts only if its body contains this.") var successContains: String?
        @Flag(help: "Stop forwarding (removes the forwarding settings).") var noForwarding = false
        @Option(help: "Most returns per calendar month.") var returnCapCount: UInt32?
        @Option(help: "Most returns per month as a percentage of the month's deliveries.") var returnCapPercent: Double?
        @Flag(help: "Remove the return cap.") var noReturnCap = false
        @Option(help: "Price per lead as a decimal, for deliveries recorded without a cost (with --lead-cost-currency).") var leadCost: String?
        @Option(help: "Currency of --lead-cost and --lead-cost-for.") var leadCostCurrency: String?
        @Option(name: .customLong("lead-cost-for"), help: "RECIPIENT=PRICE: a recipient's own price per lead; repeatable.") var leadCostFor: [String] = []
        @Flag(help: "Remove the price per lead.") var noLeadCost = false
        @Flag(help: "Replace the whole source instead of changing only the flags given.") var replace = false
        @Option(help: "Change it only if its updated_at_ms is still this (else ABORTED).") var expectedUpdatedAtMs: Int64 = 0
        @Option(help: "Key that makes a retry safe.") var idempotencyKey = ""

        func validate() throws {
            if [returnCapCount != nil, returnCapPercent != nil, noReturnCap].filter({ $0 }).count > 1 {
                throw ValidationError("give one of --return-cap-count, --return-cap-percent and --no-return-cap")
            }
            if (leadCost != nil || !leadCostFor.isEmpty) && leadCostCurrency == nil {
                throw ValidationError("--lead-cost and --lead-cost-for need --lead-cost-currency")
            }
            if noLeadCost && (leadCost != nil || !leadCostFor.isEmpty) {
                throw ValidationError("--no-lead-cost goes alone, without --lead-cost or --lead-cost-for")
            }
        }

        func run() async throws {
            var s = Convd_V1_Source()
            s.id = id
            s.name = name ?? ""
            s.labels = try keyValues(labels, flag: "--label")
            var f = Convd_V1_ForwardingSettings()
            f.url = forwardUrl ?? ""
            switch (forwardFormat ?? "JSON").uppercased() {
            case "JSON": f.format = .json
            case "XML": f.format = .xml
            case "FORM": f.format = .form
            case "GET": f.format = .get
            default: throw ValidationError("unknown --forward-format '\(forwardFormat ?? "")'; use JSON, XML, FORM or GET")
            }
            let kinds = Set((forwardKinds ?? "conversions,returns,adjustments").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            let unknown = kinds.subtracting(["conversions", "returns", "adjustments"])
            guard unknown.isEmpty else { throw ValidationError("unknown --forward-kinds \(unknown.sorted())") }
            f.conversions = kinds.contains("conversions")
            f.returns = kinds.contains("returns")
            f.adjustments = kinds.contains("adjustments")
            f.fieldMapping = try keyValues(mappings, flag: "--map")
            f.headers = try keyValues(headers, flag: "--header")
            f.timeoutMs = forwardTimeoutMs ?? 0
            f.maxAttempts = maxAttempts ?? 0
            f.successBodyContains = successContains ?? ""
            let forwardingGiven: [(Bool, String)] = [
                (forwardUrl != nil, "forwarding.url"), (forwardFormat != nil, "forwarding.format"),
                (forwardKinds != nil, "forwarding.conversions"), (forwardKinds != nil, "forwarding.returns"),
                (forwardKinds != nil, "forwarding.adjustments"), (!mappings.isEmpty, "forwarding.field_mapping"),
                (!headers.isEmpty, "forwarding.headers"), (forwardTimeoutMs != nil, "forwarding.timeout_ms"),
                (maxAttempts != nil, "forwarding.max_attempts"), (successContains != nil, "forwarding.success_body_contains"),
            ]
            var fields = [(name != nil, "name"), (!labels.isEmpty, "labels")].filter(\.0).map(\.1)
            if noForwarding {
                fields.append("forwarding")
            } else {
                fields += forwardingGiven.filter(\.0).map(\.1)
                if forwardUrl != nil || (!replace && fields.contains(where: { $0.hasPrefix("forwarding.") })) { s.forwarding = f }
            }
            if let returnCapCount { s.returnCap.maxCount = returnCapCount }
            if let returnCapPercent { s.returnCap.maxShareBps = UInt32((returnCapPercent * 100).rounded()) }
            if returnCapCount != nil || returnCapPercent != nil || noReturnCap { fields.append("return_cap") }
            if let currency = leadCostCurrency {
                var c = Convd_V1_LeadCost()
                if let leadCost { c.defaultCost = try MoneyText.parse(leadCost, currency: currency) }
                for (recipient, price) in try keyValues(leadCostFor, flag: "--lead-cost-for") {
                    c.byRecipient[recipient] = try MoneyText.parse(price, currency: currency)
                }
                s.leadCost = c
            }
            if leadCostCurrency != nil || noLeadCost { fields.append("lead_cost") }
            let response = try await global.withClient { [s, fields, replace, expectedUpdatedAtMs, idempotencyKey] client in
                try await PartialPut.run(fields: fields, replace: replace, existing: {
                    (try? await client.source(id: s.id)).map { var u = Convd_V1_PutSourceResponse(); u.source = $0; return u }
                }, put: { updateFields in
                    try await client.putSource(s, updateFields: updateFields, expectedUpdatedAtMs: expectedUpdatedAtMs,
                                               idempotencyKey: idempotencyKey)
                })
            }
            try Renderer(format: global.format).one(response.source, fields: SourceCommand.fields(response.source)
                + [("created", "\(response.created)")])
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a source.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Flag(help: "Show header values and URL credentials in clear (admin only; masked otherwise).") var showSecrets = false

        func run() async throws {
            let s = try await global.withClient { try await $0.source(id: id, showSecrets: showSecrets) }
            try Renderer(format: global.format).one(s, fields: SourceCommand.fields(s))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List sources.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Show header values and URL credentials in clear (admin only; masked otherwise).") var showSecrets = false
        @Flag(help: "Include archived sources.") var archived = false

        func run() async throws {
            let all = try await global.withClient { [archived] in try await $0.sources(showSecrets: showSecrets, includeArchived: archived) }
            try Renderer(format: global.format).list(all, key: "sources", columns: SourceCommand.columns)
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a source; one with deliveries or conversions is archived instead (restore brings it back).")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run() async throws {
            let archived = try await global.withClient { try await $0.deleteSource(id: id) }
            if global.output == .json { print(#"{"id":"\#(id)","archived":\#(archived)}"#); return }
            print(archived ? "archived source \(id) (it has history; `convctl source restore \(id)` brings it back)"
                           : "deleted source \(id)")
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bring back an archived source.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run() async throws {
            let s = try await global.withClient { try await $0.restoreSource(id: id) }
            try Renderer(format: global.format).one(s, fields: SourceCommand.fields(s))
        }
    }
}
