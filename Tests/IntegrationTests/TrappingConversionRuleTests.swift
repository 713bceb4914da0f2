import Foundation
import Testing

/// Fails the build's tests when a trapping integer conversion appears in the daemon's modules: a
/// wire or stored integer converted with `Int64(x)` traps (and kills convd) when it does not fit.
/// Numeric conversions must say what happens out of range (`exactly:`, `clamping:`,
/// `truncatingIfNeeded:`); a failable parse of text is allowed when its line says `no-trap`.
struct TrappingConversionRuleTests {
    /// The modules whose code runs inside the daemon.
    static let daemonModules = ["ConvdCore", "ConvdStore", "ConvdServer", "ConvdWire", "convd"]

    /// Whether `line` holds a trapping conversion or a `try!` (a stored value that does not decode
    /// must be an error, not a crash).
    static func offends(_ line: String) -> Bool {
        let code = line.split(separator: "//", maxSplits: 1).first.map(String.init) ?? ""
        let conversion = try! Regex(#"\b(U?Int(8|16|32|64)?)\(\s*(?!exactly:|clamping:|truncatingIfNeeded:|bitPattern:)"#)
        let trapping = (try? conversion.firstMatch(in: code)) != nil && !line.contains("no-trap")
        return trapping || code.contains("try!")
    }

    static func offendingLines() throws -> [String] {
        var found: [String] = []
        for module in daemonModules {
            for file in ModuleImportRuleTests.swiftFiles(of: module) {
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                for (i, line) in lines.enumerated() {
                    if Self.offends(String(line)) { found.append("\(module)/\(file.lastPathComponent):\(i + 1): \(line.trimmingCharacters(in: .whitespaces))") }
                }
            }
        }
        return found
    }

    @Test func noTrappingConversionInTheDaemon() throws {
        #expect(ModuleImportRuleTests.swiftFiles(of: "ConvdServer").count > 10)  // the scan reads the real sources
        let found = try Self.offendingLines()
        #expect(found.isEmpty, "trapping conversions:\n\(found.joined(separator: "\n"))")
    }

    /// The rule itself catches what it is for, so it cannot pass by matching nothing.
    @Test func theRuleCatchesWhatItIsFor() {
        let bad = ["let n = Int64(req.afterSeq)", "x = UInt32(count)", "let v = try! decode(row)", "Int(length)"]
        let good = ["Int64(exactly: v)", "UInt32(clamping: n)", "Int(truncatingIfNeeded: b)", "Int64(token) // no-trap: parses text"]
        for line in bad { #expect(Self.offends(line), "\(line)") }
        for line in good { #expect(!Self.offends(line), "\(line)") }
    }
}
