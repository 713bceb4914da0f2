import ArgumentParser
import Foundation

/// A file named on the command line, or standard input for `-`.
enum InputFile {
    /// The contents of `path` ("-": all of standard input).
    /// - Throws: `ValidationError` naming a file that cannot be read.
    static func read(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("\(path): no such file") }
        return data
    }
}
