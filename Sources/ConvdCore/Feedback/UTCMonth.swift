/// Calendar months in UTC, for monthly caps.
public enum UTCMonth {
    /// The first millisecond of the month holding `ms`, and of the month after, plus its name ("2026-11").
    public static func bounds(of ms: Int64) -> (start: Int64, end: Int64, name: String) {
        let text = ISOTime.string(ms: ms)
        // ISOTime clamps to years 0001–9999, so both parse; the fallbacks only keep this total.
        let year = Int64(text.prefix(4)) ?? 1970, month = Int64(text.dropFirst(5).prefix(2)) ?? 1  // no-trap: parses text
        let start = daysFromCivil(year, month, 1) * 86_400_000
        let (ny, nm) = month == 12 ? (year + 1, 1 as Int64) : (year, month + 1)
        return (start, daysFromCivil(ny, nm, 1) * 86_400_000, String(text.prefix(7)))
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
