import ArgumentParser
import ConvdClient
import ConvdProto

/// `convctl delivery record|get`.
struct DeliveryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delivery", abstract: "Record and read deliveries (a lead delivered to a recipient).",
        subcommands: [Record.self, Get.self])

    static func fields(_ d: Convd_V1_Delivery) -> [(String, String)] {
        [("event_id", d.eventID), ("recipient", d.recipientID), ("source", d.sourceID), ("click_id", d.clickID),
         ("test", "\(d.test)"), ("delivered_at", isoTime(d.deliveredAtMs)), ("recorded_at", isoTime(d.recordedAtMs))]
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
}
