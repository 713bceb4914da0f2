import ArgumentParser
import Foundation
import SwiftProtobuf
import Yams

/// Prints messages as a table, JSON (the proto3 JSON mapping) or CSV: one renderer for every command.
struct Renderer {
    let format: OutputFormat

    /// Prints a list: as JSON the messages themselves under `key`, otherwise the given columns.
    func list<M: SwiftProtobuf.Message>(_ items: [M], key: String, columns: [(String, (M) -> String)]) throws {
        switch format {
        case .json:
            let parts = try items.map { try $0.jsonString(options: Self.jsonOptions) }
            print("{\"\(key)\":[\(parts.joined(separator: ","))]}")
        case .table:
            printTable(header: columns.map(\.0), rows: items.map { m in columns.map { $0.1(m) } })
        case .csv:
            printCSV(header: columns.map(\.0), rows: items.map { m in columns.map { $0.1(m) } })
        case .yaml:
            print(try Yams.dump(object: [key: try items.map(ProtoYAML.object)], sortKeys: true), terminator: "")
        }
    }

    /// Prints one message: as JSON itself, otherwise field/value rows.
    func one(_ message: some SwiftProtobuf.Message, fields: [(String, String)]) throws {
        switch format {
        case .json: print(try message.jsonString(options: Self.jsonOptions))
        case .table: printTable(header: ["FIELD", "VALUE"], rows: fields.map { [$0.0, $0.1] })
        case .csv: printCSV(header: fields.map(\.0), rows: [fields.map(\.1)])
        case .yaml: print(try Self.yaml(message), terminator: "")
        }
    }

    /// A message as a YAML mapping of its proto3 JSON form (proto field names).
    static func yaml(_ message: some SwiftProtobuf.Message) throws -> String {
        try Yams.dump(object: try ProtoYAML.object(message), sortKeys: true)
    }

    static var jsonOptions: JSONEncodingOptions {
        var o = JSONEncodingOptions()
        o.preserveProtoFieldNames = true
        return o
    }

    private func printTable(header: [String], rows: [[String]]) {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }

    private func printCSV(header: [String], rows: [[String]]) {
        func esc(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        print(header.map(esc).joined(separator: ","))
        for row in rows { print(row.map(esc).joined(separator: ",")) }
    }
}
