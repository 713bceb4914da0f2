import Synchronization

/// A list that concurrent tasks append to and a test reads at the end.
public final class Collected<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])

    /// An empty list.
    public init() {}

    /// Appends one element.
    public func append(_ element: Element) { items.withLock { $0.append(element) } }

    /// Everything appended so far, in order.
    public var values: [Element] { items.withLock { $0 } }

    /// How many were appended.
    public var count: Int { items.withLock { $0.count } }
}
