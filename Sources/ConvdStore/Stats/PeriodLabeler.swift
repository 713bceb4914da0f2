import ConvdCore
import Foundation

/// Names the calendar period (day, ISO week, month) holding an instant in one IANA time zone.
/// Labels are cached per instant, since stats label every row of the same hour alike.
final class PeriodLabeler: @unchecked Sendable {
    private let calendar: Calendar
    private var cache: [Int64: (day: String, week: String, month: String)] = [:]
    private let lock = NSLock()

    /// A labeler for `zone` ("" is UTC).
    /// - Throws: `invalid` naming the zone when it is not an IANA name.
    init(zone: String, field: String = "time_zone") throws(ConvdError) {
        let name = zone.isEmpty ? "UTC" : zone
        guard let tz = TimeZone(identifier: name) else {
            throw .invalid(field: field, "'\(zone)' is not an IANA time zone name (like Europe/Berlin or America/New_York)")
        }
        var c = Calendar(identifier: .iso8601)
        c.timeZone = tz
        calendar = c
        zoneName = name
    }

    /// The time zone's name, as asked for ("UTC" when none was).
    let zoneName: String

    /// The label of `grouping`'s period holding `ms`: "2026-11-23", "2026-W48" or "2026-11".
    func label(_ grouping: StatsGrouping, _ ms: Int64) -> String {
        let l = labels(ms)
        return switch grouping {
        case .week: l.week
        case .month: l.month
        default: l.day
        }
    }

    private func labels(_ ms: Int64) -> (day: String, week: String, month: String) {
        lock.lock()
        defer { lock.unlock() }
        if let l = cache[ms] { return l }
        // Outside 0000-01-01 ... 9999-12-31 (where SQLite's date functions stop) a calendar label
        // means nothing; a row stored there by an older convd or by hand still gets counted.
        guard Self.calendarRange.contains(ms) else { return ("invalid-date", "invalid-date", "invalid-date") }
        let c = calendar.dateComponents([.year, .month, .day, .yearForWeekOfYear, .weekOfYear], from: Date(timeIntervalSince1970: Double(ms) / 1000))
        func pad(_ n: Int?, _ width: Int) -> String {
            let s = String(n ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let l = (day: "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))", week: "\(pad(c.yearForWeekOfYear, 4))-W\(pad(c.weekOfYear, 2))",
                 month: "\(pad(c.year, 4))-\(pad(c.month, 2))")
        cache[ms] = l
        return l
    }

    /// The instants that get a calendar label: 0000-01-01 to 9999-12-31, UTC.
    static let calendarRange: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999

    /// [start, end) in ms of `grouping`'s period holding `ms`, and whether it is a calendar period:
    /// outside `calendarRange` the period is all the time before (or after) it, "invalid-date".
    func interval(_ grouping: StatsGrouping, containing ms: Int64) -> (start: Int64, end: Int64, calendar: Bool) {
        let range = Self.calendarRange
        if ms < range.lowerBound { return (Int64.min, range.lowerBound, false) }
        if ms > range.upperBound { return (range.upperBound + 1, Int64.max, false) }
        let unit: Calendar.Component = switch grouping {
        case .week: .weekOfYear
        case .month: .month
        default: .day
        }
        func millis(_ d: Date) -> Int64? { Int64(exactly: (d.timeIntervalSince1970 * 1000).rounded()) }
        guard let i = calendar.dateInterval(of: unit, for: Date(timeIntervalSince1970: Double(ms) / 1000)),
              let start = millis(i.start), let end = millis(i.end), start <= ms, ms < end else {
            return (ms, ms + 1, true)
        }
        return (max(start, range.lowerBound), min(end, range.upperBound + 1), true)
    }

    /// [start, end) in ms of the month named "YYYY-MM".
    /// - Throws: `invalid` on `field` when `month` is not such a name.
    func monthBounds(_ month: String, field: String = "month") throws(ConvdError) -> (from: Int64, to: Int64) {
        let parts = month.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), (1970...9999).contains(y) else {  // no-trap: parses text
            throw .invalid(field: field, "'\(month)' is not a month; write it as YYYY-MM, e.g. 2026-11")
        }
        guard let start = calendar.date(from: DateComponents(year: y, month: m, day: 1)),
              let end = calendar.date(byAdding: .month, value: 1, to: start),
              let from = Int64(exactly: (start.timeIntervalSince1970 * 1000).rounded()),
              let to = Int64(exactly: (end.timeIntervalSince1970 * 1000).rounded()) else {
            throw .invalid(field: field, "'\(month)' has no start in \(zoneName)")
        }
        return (from, to)
    }
}
