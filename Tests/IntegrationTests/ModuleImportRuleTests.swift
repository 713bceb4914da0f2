import Foundation
import Testing

/// Each module imports only what DESIGN.md's module table allows, so imports go one way: Core is
/// pure, Store sees Core, Wire sees Proto, and only the server and executables combine them. The
/// table lists every import, third-party and system ones too, so `import GRDB` in the server or
/// `import Foundation` in Core fails here; and every third-party import must be a dependency the
/// target declares in Package.swift, not one it only reaches through another target.
struct ModuleImportRuleTests {
    /// System modules any module but Core may use.
    static let system: Set<String> = ["Foundation", "FoundationEssentials", "FoundationXML", "Glibc", "Darwin", "Dispatch", "Synchronization"]

    /// What each module may import, beyond `system` (Core: not even that).
    static let allowed: [String: Set<String>] = [
        "ConvdProto": ["SwiftProtobuf"],
        "ConvdCore": [],
        "ConvdStore": ["ConvdCore", "CConvdSQLite", "GRDB", "GRDBSQLite", "PostgresNIO", "NIOCore", "NIOPosix", "Logging", "ServiceLifecycle"],
        "ConvdWire": ["ConvdProto", "ConvdCore", "NIOCore", "SwiftProtobuf", "SwiftCSV"],
        "ConvdServer": ["ConvdCore", "ConvdStore", "ConvdWire", "ConvdProto",
                        "NIOCore", "NIOPosix", "NIOHTTP1", "AsyncHTTPClient", "Crypto", "Logging",
                        "ServiceLifecycle", "SwiftProtobuf", "CoreMetrics", "Prometheus"],
        "ConvdHTTP": ["ConvdServer", "ConvdWire", "ConvdProto", "ConvdCore", "Hummingbird", "HTTPTypes", "Crypto", "Logging",
                      "NIOCore", "ServiceLifecycle", "SwiftProtobuf"],
        "ConvdClient": ["ConvdWire", "ConvdProto", "NIOCore", "NIOPosix", "SwiftProtobuf"],
        "convd": ["ConvdServer", "ConvdHTTP", "ConvdStore", "ConvdWire", "ConvdCore",
                  "ArgumentParser", "AsyncHTTPClient", "Logging", "NIOPosix", "ServiceLifecycle", "Yams"],
        "convctl": ["ConvdClient", "ConvdProto", "ConvdWire", "ConvdCore", "ArgumentParser", "Crypto", "SwiftProtobuf", "Yams"],
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static func swiftFiles(of module: String) -> [URL] {
        let dir = root.appendingPathComponent("Sources").appendingPathComponent(module)
        return FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
    }

    /// Every `import X` (with or without attributes or an import kind) in `module`'s sources.
    static func imports(of module: String) throws -> [(file: String, module: String)] {
        try swiftFiles(of: module).flatMap { file in
            importedModules(in: try String(contentsOf: file, encoding: .utf8)).map { (file.lastPathComponent, $0) }
        }
    }

    /// The modules a source text imports.
    static func importedModules(in text: String) -> [String] {
        let kinds: Set<Substring> = ["struct", "class", "enum", "func", "var", "let", "protocol", "typealias"]
        let modifiers: Set<Substring> = ["public", "internal", "package", "private", "fileprivate"]
        return text.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                  words[..<i].allSatisfy({ $0.hasPrefix("@") || modifiers.contains($0) })
            else { return nil }
            let name = kinds.contains(words[i + 1]) && i + 2 < words.count ? words[i + 2] : words[i + 1]
            return String(name.split(separator: ".")[0])
        }
    }

    /// The products and local targets a target declares in Package.swift (`.product(name: "X", ...)`,
    /// or a bare `"X"` in its dependency list).
    static func declaredProducts(of target: String) throws -> Set<String> {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        guard let start = manifest.firstMatch(of: try Regex("\\.(target|executableTarget)\\(\\s*name: \"\(target)\","))
        else { return [] }
        let rest = manifest[start.range.upperBound...]
        let end = rest.range(of: "swiftSettings:")?.lowerBound ?? rest.endIndex
        let block = rest[..<end]
        let pattern = /\.product\(name: "([A-Za-z0-9_]+)"/
        let local = /(?:\[|,)\s*"([A-Za-z0-9_]+)"/
        return Set(block.matches(of: pattern).map { String($0.output.1) } + block.matches(of: local).map { String($0.output.1) })
    }

    @Test(arguments: Array(allowed.keys).sorted())
    func importsFollowTheModuleTable(module: String) throws {
        #expect(!Self.swiftFiles(of: module).isEmpty)  // the scan reads the real sources
        let permitted = Self.allowed[module]!.union(module == "ConvdCore" ? [] : Self.system)
        for (file, imported) in try Self.imports(of: module) {
            #expect(permitted.contains(imported), "\(module)/\(file) imports \(imported), which DESIGN.md's table does not allow it")
        }
    }

    @Test(arguments: Array(allowed.keys).sorted())
    func everyThirdPartyImportIsDeclared(module: String) throws {
        let declared = try Self.declaredProducts(of: module)
        for (file, imported) in try Self.imports(of: module)
        where !imported.hasPrefix("Convd") && !Self.system.contains(imported) {
            #expect(declared.contains(imported), "\(module)/\(file) imports \(imported), which Package.swift does not declare for \(module)")
        }
    }

    @Test func theScanFindsEveryFormOfImport() throws {
        let text = """
            @preconcurrency import GRDB
            import struct NIOCore.ByteBuffer
            package import Logging
            // import Commented
            let importer = "import Quoted"
            """
        #expect(Self.importedModules(in: text) == ["GRDB", "NIOCore", "Logging"])
        #expect(try Self.declaredProducts(of: "ConvdServer").contains("NIOHTTP1"))
        #expect(!(try Self.declaredProducts(of: "ConvdServer").contains("GRDB")))
    }
}
