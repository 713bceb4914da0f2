import Foundation
import Testing

/// The house rules a reviewer would otherwise check by eye, over the real sources: every public
/// declaration has a `///` comment, and each file declares one visible top-level type, named after it.
struct SourceShapeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// Our Swift sources (generated protobuf code excluded), relative paths and texts.
    static func sources(under folders: [String]) throws -> [(path: String, text: String)] {
        try folders.flatMap { folder -> [(String, String)] in
            let dir = root.appendingPathComponent(folder)
            return try FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
                .filter { $0.pathExtension == "swift" && !$0.lastPathComponent.hasSuffix(".pb.swift") }
                .map { (String($0.path.dropFirst(root.path.count + 1)), try String(contentsOf: $0, encoding: .utf8)) }
        }.sorted { $0.0 < $1.0 }
    }

    /// What encloses a line: decides whether a bare `case` or `func` is public.
    enum Scope { case publicEnum, publicProtocol, other }

    /// The public declarations in `text` with no `///` comment right above them (attributes may
    /// sit between). Counted: anything marked `public` or `open` (extensions aside), the cases of
    /// a public enum, and the requirements of a public protocol.
    static func undocumented(in text: String) -> [(line: Int, text: String)] {
        let lines = text.components(separatedBy: "\n")
        var scopes: [Scope] = []
        var inMultilineString = false
        var found: [(Int, String)] = []
        let publicDecl = /^\s*(@[A-Za-z_]+(\([^)]*\))?\s+)*((final|static|class|override|mutating|nonisolated|convenience|required|indirect|dynamic|lazy)\s+)*(public|open)\s/
        let enumDecl = /\b(enum)\s+[A-Za-z_]/
        let protocolDecl = /\bprotocol\s+[A-Za-z_]/
        let member = /^\s*((static|mutating|nonisolated)\s+)*(func|var|init|subscript|associatedtype)\b/
        let enumCase = /^\s*(indirect\s+)?case\s+[A-Za-z_`]/
        for (index, raw) in lines.enumerated() {
            if inMultilineString {
                if raw.contains("\"\"\"") { inMultilineString = false }
                continue
            }
            let code = strippedOfStringsAndComments(raw)
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            let isPublic = trimmed.firstMatch(of: publicDecl) != nil
                && !trimmed.contains("extension ") && !trimmed.contains("import ")
            let counted: Bool
            switch scopes.last {
            case .publicEnum?: counted = isPublic || raw.firstMatch(of: enumCase) != nil
            case .publicProtocol?: counted = isPublic || raw.firstMatch(of: member) != nil
            default: counted = isPublic
            }
            if counted && !isDocumented(lines, at: index) { found.append((index + 1, trimmed)) }
            var opened: Scope = .other
            if isPublic, code.firstMatch(of: enumDecl) != nil { opened = .publicEnum }
            if isPublic, code.firstMatch(of: protocolDecl) != nil { opened = .publicProtocol }
            for character in code {
                if character == "{" { scopes.append(opened); opened = .other }
                if character == "}", !scopes.isEmpty { scopes.removeLast() }
            }
            if code.contains("\"\"\"") { inMultilineString = true }
        }
        return found
    }

    private static func isDocumented(_ lines: [String], at index: Int) -> Bool {
        var i = index - 1
        while i >= 0, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("@") { i -= 1 }
        return i >= 0 && lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("///")
    }

    /// The line's code with string literals and `//` comments removed, so braces in them do not count.
    private static func strippedOfStringsAndComments(_ line: String) -> String {
        var out = ""
        var inString = false
        var escaped = false
        var previous: Character = " "
        for character in line {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                previous = character
                continue
            }
            if character == "/" && previous == "/" { out.removeLast(); break }
            if character == "\"" {
                if line.contains("\"\"\"") { out.append("\"\"\""); break }
                inString = true
            } else {
                out.append(character)
            }
            previous = character
        }
        return out
    }

    @Test func everyPublicDeclarationIsDocumented() throws {
        var missing: [String] = []
        var total = 0
        for (path, text) in try Self.sources(under: ["Sources"]) {
            total += 1
            missing += Self.undocumented(in: text).map { "\(path):\($0.line): \($0.text)" }
        }
        #expect(total > 100)  // the scan reads the real sources
        if !missing.isEmpty {
            Issue.record("\(missing.count) public declarations without ///:\n\(missing.joined(separator: "\n"))")
        }
    }

    @Test func theCountSeesWhatItShould() {
        let text = """
            /// Documented.
            public struct A {
                public var undocumentedField: Int
                /// Documented.
                @inlinable public func documented() {}
                func internalOne() {}
            }
            public enum E {
                /// Documented.
                case one
                case two
                func f() { switch self { case .one: break; case .two: break } }
            }
            /// Documented.
            public protocol P {
                func requirement()
                /// Documented.
                var documented: Int { get }
            }
            public extension A {}
            let s = "public var notCode: Int {"
            """
        #expect(Self.undocumented(in: text).map(\.line) == [3, 8, 11, 16])
    }

    /// `struct|class|enum|protocol|actor Name` at the top level, not private.
    static func topLevelTypes(in text: String) -> [String] {
        let declaration = /^(@[A-Za-z_]+(\([^)]*\))?\s+)*((public|package|internal|final|open|indirect)\s+)*(struct|class|enum|protocol|actor)\s+([A-Za-z_][A-Za-z0-9_]*)/
        return text.components(separatedBy: "\n").compactMap { line in line.firstMatch(of: declaration).map { String($0.output.6) } }
    }

    @Test func eachFileDeclaresOneTypeNamedAfterIt() throws {
        var wrong: [String] = []
        for (path, text) in try Self.sources(under: ["Sources", "bench", "fuzz/Sources", "Tests/ConvdTestSupport"]) {
            let types = Self.topLevelTypes(in: text)
            let stem = String((path as NSString).lastPathComponent.dropLast(6).split(separator: "+")[0])
            if types.count > 1 || (types.count == 1 && types[0] != stem) {
                wrong.append("\(path): \(types.joined(separator: ", "))")
            }
        }
        if !wrong.isEmpty {
            Issue.record("files whose types are not one named after the file:\n\(wrong.joined(separator: "\n"))")
        }
    }
}
