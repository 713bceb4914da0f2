import ArgumentParser
import ConvdClient
import Foundation

/// `convctl backup FILE`: a consistent copy of the running daemon's database.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy convd's database to FILE while it runs (restore with `convd --restore FILE`).",
        discussion: "The daemon writes the file (it must be able to write its directory); FILE must not exist. The copy is checked with SQLite's integrity_check before this returns.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Where to write the copy; relative paths are taken from the current directory.") var file: String

    func run() async throws {
        let path = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
        // A backup of a large database takes longer than a call's usual deadline.
        let r = try await global.withClient { try await $0.backup(to: path, timeout: .seconds(3600)) }
        switch global.format {
        case .json: print(try r.jsonString(options: Renderer.jsonOptions))
        default:
            print("backed up to \(r.path): \(r.bytes) bytes in \(r.durationMs) ms, events up to seq \(r.lastEventSeq)")
            print(r.rows.map { "\($0.name) \($0.value)" }.joined(separator: ", "))
        }
    }
}
