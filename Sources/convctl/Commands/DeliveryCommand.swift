import ArgumentParser
import ConvdClient
import ConvdProto

/// `convctl delivery record|get|erase`.
struct DeliveryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delivery", abstract: "Record and read deliveries (a lead delivered to a recipient).",
        subcommands: [Record.self, Get.self, Erase.self])

    static func fields(_ d: Convd_V1_Delivery) -> [(String, String)] {
        [("event_id", d.eventID), ("recipient", d.recipientID), ("source", d.sourceID), ("click_id", d.clickID),
         ("test", "\(d.test)"), ("delivered_at", isoTime(d.deliveredAtMs)), ("recorded_at", isoTime(d.recordedAtMs))]
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

        func run() async throws {
            var d = Convd_V1_Delivery()
            d.recipientID = recipient
            d.sourceID = source
            d.eventID = eventId
            d.clickID = clickId
            d.lead = try keyValues(lead, flag: "--lead")
            d.test = test
            d.deliveredAtMs = deliveredAtMs
            let stored = try await global.withClient { try await $0.recordDelivery(d) }
            try Renderer(format: global.format).one(stored, fields: DeliveryCommand.fields(stored))
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a delivery.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Event ID.") var eventId: String

        func run() async throws {
            let d = try await global.withClient { try await $0.delivery(eventID: eventId) }
            try Renderer(format: global.format).one(d, fields: DeliveryCommand.fields(d))
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
