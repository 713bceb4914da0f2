import ArgumentParser
import ConvdClient
import ConvdProto
import SwiftProtobuf

/// `convctl recipient put|get|list|delete`.
struct RecipientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipient", abstract: "Manage recipients (the CRMs leads are delivered to).",
        subcommands: [Put.self, Get.self, List.self, Delete.self])

    static var columns: [(String, (Convd_V1_Recipient) -> String)] { [
        ("ID", \.id), ("NAME", \.name),
        ("CONVERSIONS", { $0.feedback.receiveConversions ? "on" : "off" }),
        ("RETURNS", { $0.feedback.receiveReturns ? "on (\($0.feedback.returnWindowDays)d)" : "off" }),
        ("TYPES", { $0.feedback.conversionTypes.map { "\($0.name)=\(ModeName.name($0.mode))" }.joined(separator: " ") }),
    ] }

    static func fields(_ r: Convd_V1_Recipient) -> [(String, String)] {
        var f: [(String, String)] = [("id", r.id), ("name", r.name)]
        f.append(("receive_conversions", "\(r.feedback.receiveConversions)"))
        f.append(("receive_returns", "\(r.feedback.receiveReturns)"))
        f.append(("return_window_days", "\(r.feedback.returnWindowDays)"))
        f.append(("default_mode", r.feedback.strictTypes ? "strict" : ModeName.name(r.feedback.defaultMode)))
        f += r.feedback.conversionTypes.map { ("type \($0.name)", ModeName.name($0.mode)) }
        f += r.labels.sorted { $0.key < $1.key }.map { ("label \($0.key)", $0.value) }
        f += [("created_at", isoTime(r.createdAtMs)), ("updated_at", isoTime(r.updatedAtMs))]
        return f
    }

    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or replace a recipient.",
            discussion: "Without feedback flags the defaults apply: conversions and returns on, 30-day window, the suggested mode per type.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Recipient id (a slug).") var id: String
        @Option(help: "Display name.") var name = ""
        @Option(name: .customLong("label"), help: "key=value; repeatable.") var labels: [String] = []
        @Option(name: .customLong("type"), help: "NAME=MODE[:WINDOW_SECONDS], MODE one of CREATE_NEW, UPDATE, IGNORE_DUPLICATES, INCREMENT; repeatable.")
        var types: [String] = []
        @Option(help: "Mode of types not listed.") var defaultMode: String?
        @Flag(help: "Refuse types not listed.") var strictTypes = false
        @Flag(help: "Refuse conversion feedback.") var noConversions = false
        @Flag(help: "Refuse returns.") var noReturns = false
        @Option(help: "Days after delivery a return is accepted (0: no limit).") var returnWindowDays: UInt32?
        @Option(name: .customLong("return-reason"), help: "An allowed return reason; repeatable.") var returnReasons: [String] = []
        @Option(help: "Rule set as proto JSON, e.g. '{\"match\":\"RULE_MATCH_ALL\",\"nodes\":[...]}'.") var rulesJson: String?

        func run() async throws {
            var r = Convd_V1_Recipient()
            r.id = id
            r.name = name
            r.labels = try keyValues(labels, flag: "--label")
            let customised = !types.isEmpty || defaultMode != nil || strictTypes || noConversions || noReturns
                || returnWindowDays != nil || !returnReasons.isEmpty || rulesJson != nil
            if customised {
                var f = Convd_V1_FeedbackSettings()
                f.receiveConversions = !noConversions
                f.receiveReturns = !noReturns
                f.returnWindowDays = returnWindowDays ?? 30
                f.conversionTypes = try types.map(ModeName.typeSetting)
                f.strictTypes = strictTypes
                if let defaultMode { f.defaultMode = try ModeName.parse(defaultMode) }
                f.allowedReturnReasons = returnReasons
                if let rulesJson {
                    do { f.rules = try Convd_V1_RuleSet(jsonString: rulesJson) } catch {
                        throw ValidationError("--rules-json is not a valid rule set: \(error)")
                    }
                }
                r.feedback = f
            }
            let response = try await global.withClient { try await $0.putRecipient(r) }
            try Renderer(format: global.format).one(response.recipient, fields: RecipientCommand.fields(response.recipient)
                + [("created", "\(response.created)")])
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a recipient.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run() async throws {
            let r = try await global.withClient { try await $0.recipient(id: id) }
            try Renderer(format: global.format).one(r, fields: RecipientCommand.fields(r))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List recipients.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let all = try await global.withClient { try await $0.recipients() }
            try Renderer(format: global.format).list(all, key: "recipients", columns: RecipientCommand.columns)
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a recipient.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Flag(help: "Also delete its deliveries (conversions and events are kept).") var force = false

        func run() async throws {
            let n = try await global.withClient { try await $0.deleteRecipient(id: id, force: force) }
            print("deleted recipient \(id)" + (n > 0 ? " and \(n) deliveries" : ""))
        }
    }
}

/// Names of conversion modes on the command line.
enum ModeName {
    static let all: [(String, Convd_V1_ConversionMode)] = [
        ("CREATE_NEW", .createNew), ("UPDATE", .update), ("IGNORE_DUPLICATES", .ignoreDuplicates), ("INCREMENT", .increment),
    ]

    static func parse(_ s: String) throws -> Convd_V1_ConversionMode {
        guard let m = all.first(where: { $0.0 == s.uppercased() })?.1 else {
            throw ValidationError("unknown mode '\(s)'; use \(all.map(\.0).joined(separator: ", "))")
        }
        return m
    }

    static func name(_ m: Convd_V1_ConversionMode) -> String { all.first { $0.1 == m }?.0 ?? "UNSPECIFIED" }

    /// Parses NAME=MODE[:WINDOW_SECONDS].
    static func typeSetting(_ spec: String) throws -> Convd_V1_ConversionTypeSetting {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError("--type takes NAME=MODE, got '\(spec)'") }
        let modeAndWindow = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
        var t = Convd_V1_ConversionTypeSetting()
        t.name = parts[0]
        t.mode = try parse(modeAndWindow[0])
        if modeAndWindow.count == 2 {
            guard let w = UInt32(modeAndWindow[1]) else { throw ValidationError("bad window in '\(spec)'") }
            t.duplicateWindowSeconds = w
        }
        return t
    }
}
