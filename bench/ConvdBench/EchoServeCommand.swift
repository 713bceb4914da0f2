import ArgumentParser
import NIOPosix

/// `convd-bench echo-serve --socket PATH`: runs `EchoServer` until killed (started by `echo`).
struct EchoServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "echo-serve", abstract: "Run the echo server (for `echo`).",
                                                    shouldDisplay: false)
    @Option(help: "The socket to listen on.") var socket: String

    func run() async throws {
        let server = try await EchoServer(path: socket, group: MultiThreadedEventLoopGroup.singleton)
        try await Task.sleep(for: .seconds(86_400))
        try await server.close()
    }
}
