import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdWire

/// `convctl delivery record|get|erase`.
struct DeliveryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delivery", abstract: "Record and read deliveries (a lead delivered to a recipient).",
        subcommands: [Record.self, Get.self, AdjustCost.self, Erase.self])

    static func fields(_ d: Convd_V1_Delivery) -> [(String, String)] {
        [("event_id", d.eventID), ("recipient", d.recipientID), ("source", d.sourceID), ("click_id", d.clickID),
         ("test", "\(d.test)"), ("delivered_at", isoTime(d.deliveredAtMs)), ("recorded_at", isoTime(d.recordedAtMs))]
            + (d.hasCost ? [("cost", MoneyText.text(d.cost))] : [])
            + (d.erasedAtMs > 0 ? [("erased_at", isoTime(d.erasedAtMs))] : [])
            + d.lead.sorted { $0.key < $1.key }.map { ("lead \($0.key)", $0.value) }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a delivery; prints its event ID.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Recipient id.") var recipient: String
        @Option(help: "Source id.") var source: String
        @Option(help: "Event ID; generated (time-sortable) when omitted.") var eventId = ""
        @Option(help: "The ad click ID, if any.") var clickId = ""
        @Option(name: .customLong("lead"), help: "A lead field, key=value; repeatable.") var lead: [String] = []
        @Flag(help: "A test delivery, kept out of stats.") var test = false
        @Option(help: "When it was delivered, Unix ms (default now).") var deliveredAtMs: Int64 = 0
        @Option(help: "What the lead cost, as a decimal (with --cost-currency); default: the source's price per lead.") var cost: String?
        @Option(help: "Currency of --cost.") var costCurrency: String?

        func validate() throws {
            if (cost == nil) != (costCurrency == nil) { throw ValidationError("--cost and --cost-currency go together") }
        }

        func run() async throws {
            var d = Convd_V1_Delivery()
            d.recipientID = recipient
            d.sourceID = source
            d.eventID = eventId
            d.clickID = clickId
            d.lead = try keyValues(lead, flag: "--lead")
            d.test = test
            d.deliveredAtMs = deliveredAtMs
            if let cost, let costCurrency { d.cost = try MoneyText.parse(cost, currency: costCurrency) }
            let stored = try await global.withClient { try await $0.recordDelivery(d) }
            try Renderer(format: global.format).one(stored, fields: DeliveryCommand.fields(stored))
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a delivery.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Event ID.") var eventId: String

        func run() async throws {
            var request = Convd_V1_GetDeliveryRequest()
            request.eventID = eventId
            let r = try await global.withClient { [request] in
                try await $0.call(Methods.getDelivery, request, returning: Convd_V1_GetDeliveryResponse.self)
            }
            try Renderer(format: global.format).one(r, fields: DeliveryCommand.fields(r.delivery)
                + DeliveryCommand.costLines(r.costHistory) + DeliveryCommand.returnLines(r))
        }
    }

    /// One line per cost version.
    static func costLines(_ history: [Convd_V1_CostVersion]) -> [(String, String)] {
        history.map { v in
            ("cost v\(v.version)", "\(v.hasCost ? MoneyText.text(v.cost) : "none") \(v.reason)\(v.actor.isEmpty ? "" : " by \(v.actor)") at \(isoTime(v.atMs))")
        }
    }

    /// The return, its credit, and its retraction.
    static func returnLines(_ r: Convd_V1_GetDeliveryResponse) -> [(String, String)] {
        guard r.hasReturnInfo else { return [] }
        let info = r.returnInfo
        var lines = [("returned", "\(info.reason) at \(isoTime(info.returnedAtMs))")]
        if info.retractedAtMs != 0 {
            lines.append(("return retracted", "\(info.retractReason) by \(info.retractedBy) at \(isoTime(info.retractedAtMs))"))
        } else if info.hasCredit {
            lines.append(("credit", MoneyText.text(info.credit)))
        }
        return lines
    }

    struct AdjustCost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adjust-cost", abstract: "Correct what a lead cost (kept in its cost history).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Event ID.") var eventId: String
        @Option(help: "The new cost as a decimal.") var cost: String?
        @Option(help: "Its currency.") var currency: String?
        @Flag(help: "Take the cost away.") var remove = false
        @Option(help: "Why.") var reason = ""
        @Option(help: "Key that makes a retry safe.") var idempotencyKey = ""

        func validate() throws {
            if remove != (cost == nil) { throw ValidationError("give --cost with --currency, or --remove") }
            if (cost == nil) != (currency == nil) { throw ValidationError("--cost and --currency go together") }
        }

        func run() async throws {
            var r = Convd_V1_AdjustCostRequest()
            r.eventID = eventId
            if let cost, let currency { r.cost = try MoneyText.parse(cost, currency: currency) }
            r.remove = remove
            r.reason = reason
            let request = r
            let done = try await global.withClient { [idempotencyKey] in
                try await $0.call(Methods.adjustCost, request, returning: Convd_V1_AdjustCostResponse.self, idempotencyKey: idempotencyKey)
            }
            try Renderer(format: global.format).one(done, fields: DeliveryCommand.fields(done.delivery) + DeliveryCommand.costLines(done.costHistory))
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a lead's personal data (GDPR), keeping its conversions and money.",
            discussion: "Blanks the lead's fields and its conversions' fields, and removes those values wherever convd copied them (event inputs, forwards, attempt logs, saved answers). Event IDs, amounts and statuses stay, so totals do not change.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Event ID of the delivery.") var eventId: String?
        @Option(help: "Erase every delivery whose lead's email is this (case-insensitive).") var email: String?

        func validate() throws {
            guard (eventId == nil) != (email == nil) else { throw ValidationError("give an event ID or --email, not both") }
        }

        func run() async throws {
            let r = try await global.withClient { try await $0.eraseDeliveries(eventID: eventId, email: email) }
            switch global.format {
            case .json: print(try r.jsonString(options: Renderer.jsonOptions))
            default:
                if r.eventIds.isEmpty { print("no delivery has that email") }
                for id in r.eventIds { print("erased \(id)") }
            }
        }
    }
}
