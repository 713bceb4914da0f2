import ArgumentParser
import ConvdClient
import ConvdProto
import SwiftProtobuf

/// `convctl recipient put|get|list|delete|restore`.
struct RecipientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipient", abstract: "Manage recipients (the CRMs leads are delivered to).",
        subcommands: [Put.self, Get.self, List.self, Delete.self, Restore.self])

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
        f += r.feedback.conversionTypes.map { ("type \($0.name)", ModeName.name($0.mode) + ($0.polarity == .negative ? " negative" : "")) }
        f += r.labels.sorted { $0.key < $1.key }.map { ("label \($0.key)", $0.value) }
        f += [("created_at", isoTime(r.createdAtMs)), ("updated_at", isoTime(r.updatedAtMs)), ("updated_at_ms", "\(r.updatedAtMs)")]
        if r.archivedAtMs != 0 { f.append(("archived_at", isoTime(r.archivedAtMs))) }
        return f
    }

    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a recipient, or change the settings given.",
            discussion: """
                On an existing recipient only the flags given change; everything else is kept (--replace replaces the whole \
                recipient, with the defaults for what is not given). A new recipient takes the defaults for what is not given: \
                conversions and returns on, 30-day window, the suggested mode per type.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Recipient id (a slug).") var id: String
        @Option(help: "Display name.") var name: String?
        @Option(name: .customLong("label"), help: "key=value; repeatable (replaces all labels).") var labels: [String] = []
        @Option(name: .customLong("type"), help: "NAME=MODE[:WINDOW_SECONDS][:negative|:positive], MODE one of CREATE_NEW, UPDATE, IGNORE_DUPLICATES, INCREMENT; repeatable (replaces all types).")
        var types: [String] = []
        @Option(help: "Mode of types not listed.") var defaultMode: String?
        @Flag(inversion: .prefixedNo, help: "Refuse types not listed.") var strictTypes: Bool?
        @Flag(inversion: .prefixedNo, help: "Accept conversion feedback.") var conversions: Bool?
        @Flag(inversion: .prefixedNo, help: "Accept returns.") var returns: Bool?
        @Option(help: "Days after delivery a return is accepted (0: no limit).") var returnWindowDays: UInt32?
        @Option(name: .customLong("return-reason"), help: "An allowed return reason; repeatable (replaces the list).") var returnReasons: [String] = []
        @Option(help: "Rule set as proto JSON, e.g. '{\"match\":\"RULE_MATCH_ALL\",\"nodes\":[...]}'; '' removes it.") var rulesJson: String?
        @Flag(help: "Replace the whole recipient instead of changing only the flags given.") var replace = false
        @Option(help: "Change it only if its updated_at_ms is still this (else ABORTED).") var expectedUpdatedAtMs: Int64 = 0
        @Option(help: "Key that makes a retry safe.") var idempotencyKey = ""

        func run() async throws {
            var r = Convd_V1_Recipient()
            r.id = id
            r.name = name ?? ""
            r.labels = try keyValues(labels, flag: "--label")
            var f = Convd_V1_FeedbackSettings()
            f.receiveConversions = conversions ?? true
            f.receiveReturns = returns ?? true
            f.returnWindowDays = returnWindowDays ?? 30
            f.conversionTypes = try types.map(ModeName.typeSetting)
            f.strictTypes = strictTypes ?? false
            if let defaultMode { f.defaultMode = try ModeName.parse(defaultMode) }
            f.allowedReturnReasons = returnReasons
            if let rulesJson, !rulesJson.isEmpty {
                do { f.rules = try Convd_V1_RuleSet(jsonString: rulesJson) } catch {
                    throw ValidationError("--rules-json is not a valid rule set: \(error)")
                }
            }
            let given: [(Bool, String)] = [
                (name != nil, "name"), (!labels.isEmpty, "labels"), (!types.isEmpty, "feedback.conversion_types"),
                (defaultMode != nil, "feedback.default_mode"), (strictTypes != nil, "feedback.strict_types"),
                (conversions != nil, "feedback.receive_conversions"), (returns != nil, "feedback.receive_returns"),
                (returnWindowDays != nil, "feedback.return_window_days"), (!returnReasons.isEmpty, "feedback.allowed_return_reasons"),
                (rulesJson != nil, "feedback.rules"),
            ]
            let fields = given.filter(\.0).map(\.1)
            // A whole Put sends the settings only when some were given: absent means the defaults.
            if replace || fields.contains(where: { $0.hasPrefix("feedback.") }) { r.feedback = f }
            let response = try await global.withClient { [r, replace, expectedUpdatedAtMs, idempotencyKey] client in
                try await PartialPut.run(fields: fields, replace: replace, existing: {
                    (try? await client.recipient(id: r.id)).map { var u = Convd_V1_PutRecipientResponse(); u.recipient = $0; return u }
                }, put: { updateFields in
                    try await client.putRecipient(r, updateFields: updateFields, expectedUpdatedAtMs: expectedUpdatedAtMs,
                                                  idempotencyKey: idempotencyKey)
                })
            }
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
        @Flag(help: "Include archived recipients.") var archived = false

        func run() async throws {
            let all = try await global.withClient { [archived] in try await $0.recipients(includeArchived: archived) }
            try Renderer(format: global.format).list(all, key: "recipients", columns: RecipientCommand.columns)
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a recipient; one with deliveries or conversions is archived instead (restore brings it back).")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run() async throws {
            let archived = try await global.withClient { try await $0.deleteRecipient(id: id) }
            if global.output == .json { print(#"{"id":"\#(id)","archived":\#(archived)}"#); return }
            print(archived ? "archived recipient \(id) (it has history; `convctl recipient restore \(id)` brings it back)"
                           : "deleted recipient \(id)")
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bring back an archived recipient.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run() async throws {
            let r = try await global.withClient { try await $0.restoreRecipient(id: id) }
            try Renderer(format: global.format).one(r, fields: RecipientCommand.fields(r))
        }
    }
}
