import PostgresNIO

/// One statement parameter, as `$1`, `$2`, ... stand for them.
enum PostgresBind: Sendable {
    /// Text, or NULL.
    case text(String?)
    /// A 64-bit integer, or NULL.
    case int(Int64?)

    /// A flag, stored as 0 or 1 like SQLite's, so the SQL both backends share compares it alike.
    static func flag(_ value: Bool) -> PostgresBind { .int(value ? 1 : 0) }

    /// An Int parameter.
    static func int(_ value: Int) -> PostgresBind { .int(Int64(clamping: value)) }

    /// The parameters as postgres-nio sends them.
    static func bindings(_ binds: [PostgresBind]) -> PostgresBindings {
        var b = PostgresBindings(capacity: binds.count)
        for bind in binds {
            switch bind {
            case .text(let v): if let v { b.append(v) } else { b.appendNull() }
            case .int(let v): if let v { b.append(v) } else { b.appendNull() }
            }
        }
        return b
    }
}
