import Foundation
import Testing

/// Each module imports only what DESIGN.md's module table allows, so imports go one way:
/// Core is pure, Store sees Core, Wire sees Proto, and only the server and executables combine them.
struct ModuleImportRuleTests {
    static let allowed: [String: Set<String>] = [
        "ConvdProto": [],
        "ConvdCore": [],
        "ConvdStore": ["ConvdCore"],
        "ConvdWire": ["ConvdProto"],
        "ConvdServer": ["ConvdCore", "ConvdStore", "ConvdWire", "ConvdProto"],
        "ConvdClient": ["ConvdWire", "ConvdProto"],
        "convd": ["ConvdServer", "ConvdStore", "ConvdWire", "ConvdCore"],
        "convctl": ["ConvdClient", "ConvdProto", "ConvdWire", "ConvdCore"],
    ]
    /// Core may use the standard library and nothing that does I/O.
    static let coreForbidden: Set<String> = ["Foundation", "GRDB", "NIOCore", "NIOPosix", "SwiftProtobuf", "Glibc", "Darwin"]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources").standardized

    static func swiftFiles(of module: String) -> [URL] {
        let dir = sources.appendingPathComponent(module)
        return FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
    }

    static func imports(of module: String) throws -> [(file: String, module: String)] {
        try swiftFiles(of: module).flatMap { file in
            try String(contentsOf: file, encoding: .utf8).split(separator: "\n").compactMap { line -> (String, String)? in
                let words = line.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count, words[..<i].allSatisfy({ $0.hasPrefix("@") }) else { return nil }
                return (file.lastPathComponent, String(words[i + 1]))
            }
        }
    }

    @Test(arguments: Array(allowed.keys).sorted())
    func importsFollowTheModuleTable(module: String) throws {
        #expect(!Self.swiftFiles(of: module).isEmpty)  // the scan reads the real sources
        let found = try Self.imports(of: module)
        for (file, imported) in found where imported.hasPrefix("Convd") || imported == "convd" || imported == "convctl" {
            #expect(Self.allowed[module]!.contains(imported), "\(module)/\(file) imports \(imported)")
        }
        if module == "ConvdCore" {
            for (file, imported) in found { #expect(!Self.coreForbidden.contains(imported), "ConvdCore/\(file) imports \(imported)") }
        }
    }
}
