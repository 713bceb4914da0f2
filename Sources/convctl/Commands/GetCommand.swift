import ArgumentParser
import ConvdClient
import ConvdProto

/// `convctl get recipient|source ID`: one object, as YAML that `convctl apply` takes back.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print a recipient or source as YAML (or -o json) that `convctl apply -f` takes back.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "recipient or source.") var kind: String
    @Argument(help: "Its id.") var id: String
    @Flag(help: "Show header values of sources (admin); masked as **** otherwise, which apply keeps as they are.")
    var showSecrets = false

    func validate() throws {
        guard ManifestKind(noun: kind) != nil else { throw ValidationError("kind must be recipient or source, not '\(kind)'") }
    }

    func run() async throws {
        let k = ManifestKind(noun: kind) ?? .recipient
        let json = global.output == .json
        let text: String = try await global.withClient { c in
            switch k {
            case .recipient:
                let r = try await c.recipient(id: id)
                return json ? try r.jsonString(options: Renderer.jsonOptions) : try Manifest.yaml(r, kind: k)
            case .source:
                let s = try await c.source(id: id, showSecrets: showSecrets)
                return json ? try s.jsonString(options: Renderer.jsonOptions) : try Manifest.yaml(s, kind: k)
            }
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}

extension ManifestKind {
    /// The kind a command-line noun names (`recipient`, `recipients`, `source`, ...).
    init?(noun: String) {
        let n = noun.lowercased()
        guard let kind = Self.allCases.first(where: { n == $0.noun || n == $0.noun + "s" }) else { return nil }
        self = kind
    }
}
