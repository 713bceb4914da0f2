import ConvdCore

/// Page size and token rules shared by every List method.
enum Paging {
    /// Page size when none is given.
    static let defaultSize = 100
    /// Largest page.
    static let maxSize = 1000

    /// The page size to use, from a requested one (0 means the default).
    /// - Throws: `invalidArgument` when over the maximum.
    static func size(_ requested: UInt32, field: String = "page_size") throws(ConvdError) -> Int {
        if requested == 0 { return defaultSize }
        guard requested <= maxSize else { throw .invalid(field: field, "must be at most \(maxSize), got \(requested)") }
        return Int(clamping: requested)
    }

    /// The seq a page token continues after (0 for the first page).
    /// - Throws: `invalidArgument` for a token this server did not issue.
    static func seq(_ token: String) throws(ConvdError) -> Int64 {
        if token.isEmpty { return 0 }
        guard let seq = Int64(token) /* no-trap: parses text */, seq > 0 else { throw .invalid(field: "page_token", "'\(token)' is not a page token from this server") }
        return seq
    }
}
