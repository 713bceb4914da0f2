import GRDB

/// Turns the SQL the SQLite store builds for filters and stats (`?` placeholders) into
/// PostgreSQL's (`$1`, `$2`, ...), so both backends share one builder. Flags are 0/1 integers in
/// both schemas, so `test = 0` means the same on each.
enum PostgresSQL {
    /// `sql` with its `?` numbered from `$first`.
    static func numbered(_ sql: String, from first: Int = 1) -> String {
        var n = first - 1
        var out = ""
        for ch in sql {
            if ch == "?" { n += 1; out += "$\(n)" } else { out.append(ch) }
        }
        return out
    }

    /// A GRDB argument as a PostgreSQL parameter.
    static func bind(_ value: any DatabaseValueConvertible) -> PostgresBind {
        switch value.databaseValue.storage {
        case .int64(let i): .int(i)
        case .string(let s): .text(s)
        case .double(let d): .int(Int64(exactly: d))
        case .null, .blob: .text(nil)
        }
    }
}
