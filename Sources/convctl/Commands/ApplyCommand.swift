import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdWire
import Foundation

/// `convctl apply -f FILE`: recipients and sources as code.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Create or change recipients and sources from a YAML file (one or many documents).",
        discussion: """
            Each document has `kind: Recipient` or `kind: Source`, an `id`, and the fields it manages, named as \
            in the protocol (what `convctl get recipient ID -o yaml` prints). A field the document leaves out \
            is not touched. Prints what changes; only that is applied, each change guarded by the object's \
            updated_at_ms, so a change made meanwhile by someone else is ABORTED rather than overwritten. \
            A header value of **** keeps the stored secret.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: "The YAML file; - for standard input.") var file: String
    @Flag(help: "Print what would change and change nothing.") var dryRun = false

    func run() async throws {
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): no such file") }
            text = String(decoding: data, as: UTF8.self)
        }
        let manifests = try Manifest.parseAll(text, file: file)
        guard !manifests.isEmpty else { throw ValidationError("\(file): no documents") }
        let json = global.output == .json
        try await global.withClient { client in
            var counts = (created: 0, changed: 0, unchanged: 0)
            var plans: [String] = []
            for manifest in manifests {
                switch manifest.kind {
                case .recipient:
                    let current = try await Self.existing { try await client.recipient(id: manifest.id) }
                    let plan = try ApplyPlan<Convd_V1_Recipient>(manifest: manifest, current: current)
                    try Self.tally(plan, &counts, print: !json)
                    plans.append(plan.json)
                    if dryRun { continue }
                    switch plan.action {
                    case .unchanged: break
                    case .create: _ = try await client.putRecipient(plan.desired)
                    case .change(let keys):
                        _ = try await client.putRecipient(plan.desired, updateFields: keys, expectedUpdatedAtMs: current?.updatedAtMs ?? 0)
                    }
                case .source:
                    let current = try await Self.existing { try await client.source(id: manifest.id, showSecrets: true) }
                    let plan = try ApplyPlan<Convd_V1_Source>(manifest: manifest, current: current)
                    try Self.tally(plan, &counts, print: !json)
                    plans.append(plan.json)
                    if dryRun { continue }
                    switch plan.action {
                    case .unchanged: break
                    case .create: _ = try await client.putSource(plan.desired)
                    case .change(let keys):
                        _ = try await client.putSource(plan.desired, updateFields: keys, expectedUpdatedAtMs: current?.updatedAtMs ?? 0)
                    }
                }
            }
            if json {
                print(#"{"dry_run":\#(dryRun),"objects":[\#(plans.joined(separator: ","))]}"#)
            } else if dryRun {
                print("dry run: \(counts.created) to create, \(counts.changed) to change, \(counts.unchanged) unchanged; nothing applied")
            } else {
                print("applied: \(counts.created) created, \(counts.changed) changed, \(counts.unchanged) unchanged")
            }
        }
    }

    /// The stored object, or nil when the daemon says NOT_FOUND.
    static func existing<M>(_ get: () async throws -> M) async throws -> M? {
        do { return try await get() } catch let e as StatusError where e.code == .notFound { return nil }
    }

    static func tally<M>(_ plan: ApplyPlan<M>, _ counts: inout (created: Int, changed: Int, unchanged: Int), print show: Bool) throws {
        if show { for line in try plan.report() { print(line) } }
        switch plan.action {
        case .create: counts.created += 1
        case .change: counts.changed += 1
        case .unchanged: counts.unchanged += 1
        }
    }
}
