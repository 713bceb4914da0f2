import ArgumentParser
import ConvdClient
import ConvdWire
import Foundation

/// Flags every subcommand takes: where convd is, how long to wait, how to print.
struct GlobalOptions: ParsableArguments {
    @Option(help: "convd's socket. Env: CONVD_SOCKET. Default: the daemon's default path.")
    var socket: String = DefaultPaths.socketPath

    @Option(help: "Seconds to wait for each call.")
    var timeout: Double = 10

    @Option(name: .shortAndLong, help: "table, json, csv or yaml. Env: CONVCTL_OUTPUT. Default: table on a terminal, json otherwise.")
    var output: OutputFormat?

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    /// The format to print in.
    var format: OutputFormat {
        output ?? ProcessInfo.processInfo.environment["CONVCTL_OUTPUT"].flatMap(OutputFormat.init(rawValue:))
            ?? (isatty(STDOUT_FILENO) == 1 ? .table : .json)
    }

    /// Connects, runs `body`, closes; a failed call becomes a message on stderr and an exit code.
    func withClient<T>(_ body: (ConvdClient) async throws -> T) async throws -> T {
        do {
            let client = try await ConvdClient.connect(socketPath: socket, connectTimeout: .seconds(1))
            do {
                let result = try await body(client)
                await client.close()
                return result
            } catch {
                await client.close()
                throw error
            }
        } catch let error as StatusError {
            FileHandle.standardError.write(Data("convctl: \(error.code.name): \(error.message)\n".utf8))
            for v in error.status.violations {
                FileHandle.standardError.write(Data("  \(v.field): \(v.description_p)\n".utf8))
            }
            throw ExitCode(Int32(10 + error.code.rawValue))
        }
    }

    /// The per-call deadline.
    var callTimeout: Duration { .milliseconds(Int64(timeout * 1000)) }
}
