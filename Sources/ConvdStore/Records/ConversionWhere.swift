import ConvdCore
import GRDB

/// The WHERE clause of a conversion filter.
struct ConversionWhere {
    private var clauses: [String] = []
    private(set) var arguments: [any DatabaseValueConvertible] = []

    /// `timeIndexed` false writes the time bounds as `+created_at_ms` so SQLite walks the rows in
    /// seq order (a list's keyset) instead of sorting what the time index finds.
    init(_ f: ConversionFilter, table: String = "", timeIndexed: Bool = true) {
        let p = table.isEmpty ? "" : table + "."
        if !f.recipientID.isEmpty { add("\(p)recipient_id = ?", f.recipientID) }
        if !f.sourceID.isEmpty { add("\(p)source_id = ?", f.sourceID) }
        if !f.conversionType.isEmpty { add("\(p)type_key = ?", f.conversionType.lowercased()) }
        // `<> ''` lets SQLite use the partial click index (v13): it cannot tell a bound value is not ''.
        if !f.clickID.isEmpty { add("\(p)click_id = ? AND \(p)click_id <> ''", f.clickID) }
        if !f.eventID.isEmpty { add("\(p)event_id = ?", f.eventID) }
        if !f.statuses.isEmpty {
            clauses.append("\(p)status IN (\(f.statuses.map { _ in "?" }.joined(separator: ",")))")
            arguments += f.statuses.map(\.rawValue)
        }
        let time = (timeIndexed ? "" : "+") + "\(p)created_at_ms"
        if f.fromMs > 0 { add("\(time) >= ?", f.fromMs) }
        if f.toMs > 0 { add("\(time) < ?", f.toMs) }
        if !f.includeTest { clauses.append("\(p)test = 0") }
    }

    mutating func add(_ clause: String, _ value: any DatabaseValueConvertible) {
        clauses.append(clause)
        arguments.append(value)
    }

    var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }
}
