import ArgumentParser

/// convctl: the command line of convd.
@main
struct Convctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convctl",
        abstract: "Talk to convd: health, recipients, sources, deliveries, feedback, conversions.",
        discussion: "Exit status: 0 on success, 10 + the gRPC status code on a failed call (e.g. 15 NOT_FOUND, 24 UNAVAILABLE), 64 on bad usage.",
        subcommands: [
            HealthCommand.self, InfoCommand.self, MetricsCommand.self, BackupCommand.self, RecipientCommand.self, SourceCommand.self, DeliveryCommand.self,
            FeedbackCommand.self, ConversionCommand.self, EventsCommand.self, ForwardCommand.self, ApplyCommand.self,
            GetCommand.self,
        ])
}
