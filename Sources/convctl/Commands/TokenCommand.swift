import ArgumentParser
import Crypto
import Foundation

/// `convctl token new`: makes a secret for the HTTP listener and prints it once, with the
/// setting that lets convd accept it (only its SHA-256, so the configuration holds no secret).
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Make credentials for convd's HTTP listener.", subcommands: [New.self])

    /// `convctl token new --name N --role R [--recipient ID]`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new random token and the --http-token flag (and config entry) that accepts it.",
            discussion: "The token is shown once; convd keeps only its SHA-256. Give it to the CRM as a bearer token or as the basic-auth password.")
        @Option(help: "Names the token in actors and logs, e.g. crm-1-connector.") var name: String
        @Option(help: "reader, recorder or admin.") var role: String
        @Option(help: "Only report for this recipient's deliveries.") var recipient: String?

        func run() throws {
            guard ["reader", "recorder", "admin"].contains(role) else { throw ValidationError("--role must be reader, recorder or admin") }
            guard !name.isEmpty, !name.contains(","), !name.contains("=") else { throw ValidationError("--name must be non-empty, without , or =") }
            var bytes = [UInt8](repeating: 0, count: 32)
            var rng = SystemRandomNumberGenerator()
            for i in bytes.indices { bytes[i] = UInt8.random(in: .min ... .max, using: &rng) }
            let token = "cvd_" + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            let digest = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
            let bound = recipient.map { ",recipient=\($0)" } ?? ""
            print("token:  \(token)")
            print("flag:   --http-token name=\(name),role=\(role),sha256=\(digest)\(bound)")
            print("config: http: { tokens: [ { name: \(name), role: \(role), sha256: \(digest)\(recipient.map { ", recipient: \($0)" } ?? "") } ] }")
        }
    }
}
