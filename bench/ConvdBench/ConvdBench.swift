import ArgumentParser
import ConvdClient
import ConvdProto
import ConvdStore
import ConvdTestSupport
import Foundation

/// Measures durable Feedback/Record over the real socket against two baselines taken in the same
/// run: the store called in-process with the same group commit, and raw SQLite inserts of the
/// same rows 100 per transaction. Figures are reported as ratios, since machines are noisy.
@main
struct ConvdBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convd-bench", abstract: "convd's benchmarks, each with its baseline measured in the same run.",
        subcommands: [RecordBench.self, OverloadBench.self, SoakBench.self, GrowthBench.self, StatsBench.self, HTTPBench.self, IsolationBench.self, ClientBench.self, EchoBench.self, EchoServeCommand.self, PostgresBench.self], defaultSubcommand: RecordBench.self)
}
