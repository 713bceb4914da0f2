import ConvdCore
import ConvdProto
import SwiftCSV

/// Feedback as CSV, the way lead buyers upload it: a header row naming `FeedbackFields`' columns
/// (event_id, type, reason, conversion_type, amount, currency, transaction_id, occurred_at, …;
/// any other column is an extra field), one report per row; and the per-row results written back
/// as CSV. One parser (SwiftCSV) for `POST /feedback/batch` and `convctl feedback import`.
public enum FeedbackCSV {
    /// Reports per RecordBatch call: the batch limit.
    public static let chunk = 1_000

    /// One row's parse: the lead it names (as the results show it) and its report, or why it has none.
    public struct Parsed: Sendable {
        /// "E1", or "click:C1@crm-1", as the row gave it.
        public var target: String
        /// The report, or what is wrong with the row.
        public var report: Result<Convd_V1_FeedbackReport, ConvdError>
    }

    /// The reports of `text`'s rows, in order (row 1 is the first after the header).
    /// - Throws: `ConvdError.invalidArgument` when the text is not CSV or names no target column.
    public static func parse(_ text: String) throws(ConvdError) -> [Parsed] {
        let csv: CSV<Named>
        do { csv = try CSV<Named>(string: text, delimiter: .comma, loadColumns: false) } catch {
            throw .invalid(field: "csv", "not CSV: \(error)")
        }
        let header = Set(csv.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        guard header.contains("event_id") || header.contains("click_id") else {
            throw .invalid(field: "csv", "the header row names neither event_id nor click_id (it has: \(csv.header.joined(separator: ", ")))")
        }
        guard header.contains("type") else { throw .invalid(field: "csv", "the header row has no type column (conversion or return)") }
        return csv.rows.map { row in
            var lower: [String: String] = [:]
            for (k, v) in row { lower[k.trimmingCharacters(in: .whitespaces).lowercased()] = v.trimmingCharacters(in: .whitespaces) }
            let target = !(lower["event_id"] ?? "").isEmpty ? lower["event_id"] ?? ""
                : (lower["click_id"] ?? "").isEmpty ? "" : "click:\(lower["click_id"] ?? "")@\(lower["recipient"] ?? "")"
            do throws(ConvdError) { return Parsed(target: target, report: .success(try FeedbackFields.report(lower))) } catch {
                return Parsed(target: target, report: .failure(error))
            }
        }
    }

    /// The header of the results.
    public static let resultHeader = "row,event_id,outcome,conversion_id,error"

    /// One result line: the row number, what it targeted, and the outcome or the error.
    public static func resultLine(row: Int, target: String, outcome: String, conversionID: String = "", error: String = "") -> String {
        [String(row), target, outcome, conversionID, error].map(quoted).joined(separator: ",")
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
