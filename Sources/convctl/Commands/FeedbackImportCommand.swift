import ArgumentParser
import ConvdProto
import ConvdWire
import Foundation

/// `convctl feedback import FILE.csv`: records a CSV of feedback (`FeedbackCSV`: a header row of
/// event_id, type, reason, conversion_type, amount, currency, …) 1,000 rows per RecordBatch,
/// never all-or-nothing, and prints one CSV result line per row.
struct FeedbackImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record feedback from a CSV file with a header row; prints one result line per row.",
        discussion: """
            Columns: event_id (or click_id with recipient), type (conversion or return), reason, conversion_type, \
            amount (decimal) with currency, transaction_id, status (approved, pending, rejected), occurred_at \
            (ISO 8601 or Unix ms); any other column is an extra field. Prints row,event_id,outcome,conversion_id,error \
            (row 1 is the first after the header). Exit status 1 when any row FAILED.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file; - for stdin.") var file: String

    func run() async throws {
        let data = try InputFile.read(file)
        guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(file): not UTF-8 text") }
        let rows: [FeedbackCSV.Parsed]
        do { rows = try FeedbackCSV.parse(text) } catch { throw ValidationError("\(file): \(error.message)") }
        var lines = [FeedbackCSV.resultHeader]
        var failed = 0
        try await global.withClient { client in
            for start in stride(from: 0, to: rows.count, by: FeedbackCSV.chunk) {
                let chunk = Array(rows[start..<min(start + FeedbackCSV.chunk, rows.count)])
                let reports = chunk.compactMap { try? $0.report.get() }
                let results = reports.isEmpty ? [] : try await client.recordFeedbackBatch(reports)
                var next = results.makeIterator()
                for (i, parsed) in chunk.enumerated() {
                    switch parsed.report {
                    case .failure(let error):
                        failed += 1
                        lines.append(FeedbackCSV.resultLine(row: start + i + 1, target: parsed.target, outcome: "FAILED", error: error.message))
                    case .success:
                        guard let r = next.next() else { continue }
                        if r.status.code != 0 { failed += 1 }
                        lines.append(FeedbackCSV.resultLine(row: start + i + 1, target: parsed.target, outcome: OutcomeName.name(r.outcome),
                                                            conversionID: r.conversion.id, error: r.status.code != 0 ? r.status.message : r.detail))
                    }
                }
            }
        }
        print(lines.joined(separator: "\n"))
        if failed > 0 { throw ExitCode(1) }
    }
}
