import PostgresNIO

/// One statement parameter, as `$1`, `$2`, ... stand for them.
enum PostgresBind: Sendable {
    /// Text, or NULL.
    case text(String?)
    /// A 64-bit integer, or NULL.
    case int(Int64?)
    /// A boolean, or NULL.
    case bool(Bool?)

    /// An Int parameter.
    static func int(_ value: Int) -> PostgresBind { .int(Int64(value)) }

    /// The parameters as postgres-nio sends them.
    static func bindings(_ binds: [PostgresBind]) -> PostgresBindings {
        var b = PostgresBindings(capacity: binds.count)
        for bind in binds {
            switch bind {
            case .text(let v): if let v { b.append(v) } else { b.appendNull() }
            case .int(let v): if let v { b.append(v) } else { b.appendNull() }
            case .bool(let v): if let v { b.append(v) } else { b.appendNull() }
            }
        }
        return b
    }
}
