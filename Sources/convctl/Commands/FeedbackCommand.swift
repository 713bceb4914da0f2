import ArgumentParser
import ConvdClient
import ConvdCore
import ConvdProto
import ConvdWire
import Foundation

/// `convctl feedback conversion|return|retract|batch`.
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback", abstract: "Report what happened to a delivery.",
        subcommands: [Conversion.self, Return.self, Retract.self, Adjust.self, Batch.self, FeedbackImportCommand.self])

    /// Where the feedback goes and what it carries, shared by conversion and return.
    struct Target: ParsableArguments {
        @Option(help: "The delivery's event ID.") var eventId: String?
        @Option(help: "The delivery's click ID (with --recipient).") var clickId: String?
        @Option(help: "Recipient of the click.") var recipient: String?
        @Option(help: "Reason, e.g. 'Sale Completed'.") var reason = ""
        @Option(name: .customLong("field"), help: "Extra field, key=value; repeatable.") var fields: [String] = []
        @Option(help: "When it happened in the CRM, Unix ms (default now).") var occurredAtMs: Int64 = 0
        @Option(help: "Key that makes a retry safe.") var idempotencyKey = ""

        func validate() throws {
            switch (eventId, clickId, recipient) {
            case (_?, nil, _): break
            case (nil, _?, _?): break
            default: throw ValidationError("give --event-id, or --click-id with --recipient")
            }
        }

        func report(kind: Convd_V1_FeedbackKind) throws -> Convd_V1_FeedbackReport {
            var f = Convd_V1_FeedbackReport()
            if let eventId { f.eventID = eventId } else {
                var c = Convd_V1_ClickRef()
                c.clickID = clickId ?? ""
                c.recipientID = recipient ?? ""
                f.click = c
            }
            f.kind = kind
            f.reason = reason
            f.fields = try keyValues(fields, flag: "--field")
            f.occurredAtMs = occurredAtMs
            return f
        }
    }

    static func show(_ r: Convd_V1_FeedbackResult, global: GlobalOptions) throws {
        var fields: [(String, String)] = [("outcome", OutcomeName.name(r.outcome)), ("event_seq", "\(r.eventSeq)")]
        if !r.detail.isEmpty { fields.append(("detail", r.detail)) }
        if r.hasConversion { fields += ConversionCommand.fields(r.conversion) }
        try Renderer(format: global.format).one(r, fields: fields)
    }

    struct Conversion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Report a conversion.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: Target
        @Option(help: "Conversion type, e.g. WonClient.") var type: String
        @Option(help: "Amount as a decimal, e.g. 1000.00 (converted exactly to minor units).") var amount: String?
        @Option(help: "ISO 4217 currency code.") var currency: String?
        @Option(help: "Transaction (order) ID from the CRM.") var transactionId = ""
        @Option(help: "PENDING or APPROVED (default).") var status: String?

        func validate() throws {
            if (amount == nil) != (currency == nil) { throw ValidationError("--amount and --currency go together") }
        }

        func run() async throws {
            var f = try target.report(kind: .conversion)
            f.conversionType = type
            f.transactionID = transactionId
            if let amount, let currency { f.amount = try MoneyText.parse(amount, currency: currency) }
            if let status { f.status = try StatusName.parse(status) }
            let r = try await global.withClient { try await $0.recordFeedback(f, idempotencyKey: target.idempotencyKey) }
            try FeedbackCommand.show(r, global: global)
        }
    }

    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Report a return (the lead was sent back).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: Target

        func run() async throws {
            let f = try target.report(kind: .return)
            let r = try await global.withClient { try await $0.recordFeedback(f, idempotencyKey: target.idempotencyKey) }
            try FeedbackCommand.show(r, global: global)
        }
    }

    struct Retract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retract a conversion (charge-back); it stays, RETRACTED, out of the stats.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Conversion ID.") var conversionId: String
        @Option(help: "Why.") var reason = ""
        @Option(help: "Key that makes a retry safe.") var idempotencyKey = ""

        func run() async throws {
            let r = try await global.withClient {
                try await $0.retract(conversionID: conversionId, reason: reason, idempotencyKey: idempotencyKey)
            }
            try FeedbackCommand.show(r, global: global)
        }
    }

    struct Batch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record feedback from JSON lines (one FeedbackReport in proto JSON per line).",
            discussion: #"Each line like {"event_id":"E1","kind":"FEEDBACK_KIND_CONVERSION","conversion_type":"WonClient","amount":{"amount_minor":"100000","currency":"EUR"}}. Sent 1000 per call."#)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "File of JSON lines; - or omitted for stdin.") var file: String = "-"

        func run() async throws {
            let data = try InputFile.read(file)
            var items: [Convd_V1_FeedbackReport] = []
            for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                do { items.append(try Convd_V1_FeedbackReport(jsonString: String(line))) } catch {
                    throw ValidationError("line \(n + 1) is not a FeedbackReport: \(error)")
                }
            }
            let results = try await global.withClient { client in
                var all: [Convd_V1_FeedbackResult] = []
                for start in stride(from: 0, to: items.count, by: 1000) {
                    all += try await client.recordFeedbackBatch(Array(items[start..<min(start + 1000, items.count)]))
                }
                return all
            }
            try Renderer(format: global.format).list(results, key: "results", columns: [
                ("OUTCOME", { OutcomeName.name($0.outcome) }),
                ("STATUS", { $0.status.code == 0 ? "OK" : "\($0.status.code): \($0.status.message)" }),
                ("CONVERSION", { $0.conversion.id }), ("DETAIL", \.detail),
            ])
            if results.contains(where: { $0.status.code != 0 }) { throw ExitCode(1) }
        }
    }
}

extension FeedbackCommand {
    /// `convctl feedback adjust`: retract, restate, approve or reject a conversion.
    struct Adjust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a conversion: RETRACT (charge-back), RESTATE (new amount), APPROVE or REJECT.",
            discussion: "Find it by --conversion-id, by --transaction-id with --recipient, or by --recipient, --type and --attribution-id.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "RETRACT, RESTATE, APPROVE or REJECT.") var kind: String
        @Option var conversionId: String?
        @Option var transactionId: String?
        @Option var recipient: String?
        @Option var type: String?
        @Option(help: "The click ID, or the event ID for a delivery without one.") var attributionId: String?
        @Option(help: "RESTATE: the new amount as a decimal.") var amount: String?
        @Option(help: "RESTATE: the currency (must be the conversion's).") var currency: String?
        @Option var reason = ""
        @Option(help: "Key that makes a retry safe.") var idempotencyKey = ""

        func run() async throws {
            var r = Convd_V1_AdjustRequest()
            switch kind.uppercased() {
            case "RETRACT": r.kind = .retract
            case "RESTATE": r.kind = .restate
            case "APPROVE": r.kind = .approve
            case "REJECT": r.kind = .reject
            default: throw ValidationError("unknown adjustment '\(kind)'; use RETRACT, RESTATE, APPROVE or REJECT")
            }
            if let conversionId {
                r.conversionID = conversionId
            } else if let transactionId, let recipient {
                var t = Convd_V1_TransactionRef()
                t.recipientID = recipient
                t.transactionID = transactionId
                r.transaction = t
            } else if let recipient, let type, let attributionId {
                var k = Convd_V1_ConversionKey()
                k.recipientID = recipient
                k.conversionType = type
                k.attributionID = attributionId
                r.key = k
            } else {
                throw ValidationError("give --conversion-id, --transaction-id with --recipient, or --recipient --type --attribution-id")
            }
            if let amount {
                guard let currency else { throw ValidationError("--amount needs --currency") }
                r.amount = try MoneyText.parse(amount, currency: currency)
            }
            r.reason = reason
            let request = r
            let result = try await global.withClient { try await $0.adjust(request, idempotencyKey: idempotencyKey) }
            try FeedbackCommand.show(result, global: global)
        }
    }
}
