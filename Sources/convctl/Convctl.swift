import ArgumentParser
import ConvdWire
import Foundation

/// convctl: the command line of convd.
@main
struct Convctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convctl",
        abstract: "Talk to convd: health, recipients, sources, deliveries, feedback, conversions.",
        discussion: """
            Global flags (--socket, --timeout, -o) go anywhere on the line. Exit status: 0 on success, \
            10 + the gRPC status code on a failed call (e.g. 15 NOT_FOUND, 24 UNAVAILABLE), 64 on bad usage. \
            Shell completion: `convctl --generate-completion-script bash|zsh|fish`.
            """,
        version: ConvdVersion.current,
        subcommands: [
            HealthCommand.self, InfoCommand.self, MetricsCommand.self, BackupCommand.self, RecipientCommand.self, SourceCommand.self, DeliveryCommand.self,
            FeedbackCommand.self, ReturnCommand.self, ConversionCommand.self, EventsCommand.self, ForwardCommand.self, ApplyCommand.self,
            GetCommand.self, TokenCommand.self,
        ])

    /// Moves global flags to where subcommands read them, and turns usage errors into one line
    /// on stderr (with a suggestion for a mistyped subcommand) and exit status 64.
    static func main() async {
        let arguments = GlobalArguments.hoisted(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand { try await asyncCommand.run() } else { try command.run() }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)  // a failed call: its message is already on stderr
        } catch {
            let status = exitCode(for: error)
            guard status != .success, status == .validationFailure else { exit(withError: error) }  // help, version
            let hint = Suggestion.hint(for: arguments, root: Self.self)
            let message = hint ?? message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data("convctl: \(message.replacingOccurrences(of: "Error: ", with: ""))\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
    }
}
