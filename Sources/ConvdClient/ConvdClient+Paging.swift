import ConvdWire
import SwiftProtobuf

extension ConvdClient {
    /// Calls a List method page after page, following `next_page_token`, until the last page or
    /// `limit` items.
    /// - Parameters:
    ///   - pageToken: where the request carries the page token.
    ///   - items: a page's items; `next`: its next page token (empty on the last page).
    public func allPages<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message, Item>(
        _ method: MethodName, _ request: Request, pageToken: WritableKeyPath<Request, String>,
        items: (Response) -> [Item], next: (Response) -> String, limit: Int = .max
    ) async throws -> [Item] {
        var page = request
        var all: [Item] = []
        repeat {
            let response: Response = try await call(method, page)
            all += items(response)
            page[keyPath: pageToken] = next(response)
        } while !page[keyPath: pageToken].isEmpty && all.count < limit
        return Array(all.prefix(limit))
    }
}
