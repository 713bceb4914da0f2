import ConvdCore
import SwiftProtobuf

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

    /// Most bytes of items in one List reply: under the 4 MiB frame every client accepts, with room
    /// for the envelope. A page that would be larger is cut short and continues with a token.
    static let maxReplyBytes = 3 * 1024 * 1024

    /// The longest prefix of `items` whose encoding fits `maxReplyBytes` (at least one item, which
    /// input limits keep far below the frame limit).
    /// - Returns: the kept items and whether the page was cut short.
    static func fitting<M: SwiftProtobuf.Message>(_ items: [M]) -> (items: [M], cut: Bool) {
        var total = 0
        for (i, item) in items.enumerated() {
            total += ((try? item.serializedBytes() as [UInt8])?.count ?? 0) + 6  // tag and length
            if total > maxReplyBytes && i > 0 { return (Array(items.prefix(i)), true) }
        }
        return (items, false)
    }

    /// A page of `rows` of at most `size` items and `maxReplyBytes`, with the token that continues
    /// after its last item when more remain (`rows` holds one more than `size` when there are).
    static func page<Row, M: SwiftProtobuf.Message>(_ rows: [Row], size: Int, proto: (Row) -> M,
                                                     token: (Row) -> String) -> (items: [M], next: String) {
        let (items, cut) = fitting(rows.prefix(size).map(proto))
        let more = cut || rows.count > size
        return (items, more ? token(rows[items.count - 1]) : "")
    }
}
