import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdWire
import Foundation
import SwiftProtobuf

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
        let text = String(decoding: try InputFile.read(file), as: UTF8.self)
        let manifests = try Manifest.parseAll(text, file: file)
        guard !manifests.isEmpty else { throw ValidationError("\(file): no documents") }
        let json = global.output == .json
        try await global.withClient { client in
            var counts = (created: 0, changed: 0, unchanged: 0)
            var plans: [String] = []
            for manifest in manifests {
                switch manifest.kind {
                case .recipient:
                    plans.append(try await apply(manifest, &counts, print: !json, stamp: \.updatedAtMs,
                                                 get: { try await client.recipient(id: $0) },
                                                 put: { _ = try await client.putRecipient($0, updateFields: $1, expectedUpdatedAtMs: $2) }))
                case .source:
                    plans.append(try await apply(manifest, &counts, print: !json, stamp: \.updatedAtMs,
                                                 get: { try await client.source(id: $0, showSecrets: true) },
                                                 put: { _ = try await client.putSource($0, updateFields: $1, expectedUpdatedAtMs: $2) }))
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

    /// Plans one object, prints the plan (unless JSON is asked for), and puts what changed
    /// (unless a dry run): a new object whole, a changed one's changed fields guarded by the
    /// stamp it was read with. - Returns: the plan as JSON.
    func apply<M: SwiftProtobuf.Message & Equatable>(
        _ manifest: Manifest, _ counts: inout (created: Int, changed: Int, unchanged: Int), print show: Bool,
        stamp: (M) -> Int64, get: (String) async throws -> M, put: (M, [String], Int64) async throws -> Void
    ) async throws -> String {
        let current: M?
        do { current = try await get(manifest.id) } catch let e as StatusError where e.code == .notFound { current = nil }
        let plan = try ApplyPlan<M>(manifest: manifest, current: current)
        if show { for line in try plan.report() { print(line) } }
        switch plan.action {
        case .create: counts.created += 1
        case .change: counts.changed += 1
        case .unchanged: counts.unchanged += 1
        }
        if !dryRun {
            switch plan.action {
            case .unchanged: break
            case .create: try await put(plan.desired, [], 0)
            case .change(let keys): try await put(plan.desired, keys, current.map(stamp) ?? 0)
            }
        }
        return plan.json
    }
}
