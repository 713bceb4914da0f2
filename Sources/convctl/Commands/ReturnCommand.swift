import ArgumentParser
import ConvdClient
import ConvdProto

/// `convctl return retract`: take back an accepted return.
struct ReturnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Correct accepted returns.", subcommands: [Retract.self])

    struct Retract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take back a return: it stays in the log, frees its place under the source's cap and credits nothing.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Event ID of the returned delivery.") var eventId: String
        @Option(help: "Why.") var reason = ""
        @Option(help: "Key that makes a retry safe.") var idempotencyKey = ""

        func run() async throws {
            var r = Convd_V1_RetractReturnRequest()
            r.eventID = eventId
            r.reason = reason
            let request = r
            let done = try await global.withClient { [idempotencyKey] in
                try await $0.call(Methods.retractReturn, request, returning: Convd_V1_RetractReturnResponse.self, idempotencyKey: idempotencyKey)
            }
            let info = done.returnInfo
            try Renderer(format: global.format).one(done, fields: [
                ("event_id", info.eventID), ("source", info.sourceID), ("reason", info.reason),
                ("returned_at", isoTime(info.returnedAtMs)), ("retracted_at", isoTime(info.retractedAtMs)),
                ("retract_reason", info.retractReason), ("retracted_by", info.retractedBy),
            ])
        }
    }
}
