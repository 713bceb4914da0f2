/// How `recipient put` and `source put` choose what to send: only the fields whose flags were
/// given; everything with `--replace`; and with no flags at all, nothing to an existing object
/// (shown as it is) while a new one is created whole with the defaults.
enum PartialPut {
    /// Runs the Put that `fields` and `replace` call for. `existing` reads the object (nil when
    /// absent); `put` sends it with the given update fields (empty: the whole object).
    static func run<Response: Sendable>(fields: [String], replace: Bool, existing: () async -> Response?,
                                        put: ([String]) async throws -> Response) async throws -> Response {
        if !replace && fields.isEmpty, let unchanged = await existing() { return unchanged }
        return try await put(replace ? [] : fields)
    }
}
