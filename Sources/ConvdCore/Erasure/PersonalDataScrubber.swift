/// Removes a lead's values from text convd copied them into (forward URLs and bodies, event
/// inputs, saved answers), in every escaping a forward template can give them, so that after an
/// erasure the values are nowhere in the database while the text around them (amounts, IDs,
/// statuses) stays as it was.
public struct PersonalDataScrubber: Sendable, Equatable {
    /// What an erased value is replaced with.
    public static let marker = "ERASED"
    /// Shorter values (a state code, an age) are not searched for in free text: they would also
    /// match unrelated text such as amounts. The fields that hold them are blanked whole instead.
    public static let minimumLength = 4

    /// Each value's spellings to look for, longest first so a value containing another is
    /// replaced whole.
    public let needles: [String]

    /// A scrubber for `values` (a lead's and its conversions' field values).
    public init<S: Sequence>(values: S) where S.Element == String {
        var spellings = Set<String>()
        for value in values where value.count >= Self.minimumLength {
            spellings.insert(value)
            spellings.insert(Escape.url(value))
            spellings.insert(Escape.form(value))
            spellings.insert(Escape.xml(value))
            spellings.insert(String(Escape.json(value).dropFirst().dropLast()))
        }
        needles = spellings.filter { !$0.isEmpty }.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// Whether there is anything to look for.
    public var isEmpty: Bool { needles.isEmpty }

    /// `text` with every occurrence of every needle replaced by the marker.
    public func scrub(_ text: String) -> String {
        var out = text
        for needle in needles where out.contains(needle) {
            out = out.replacing(needle, with: Self.marker)
        }
        return out
    }

    /// `request` with the values gone from its URL, body and header values.
    public func scrub(_ request: ForwardRequest) -> ForwardRequest {
        var r = request
        r.url = scrub(r.url)
        r.body = Array(scrub(String(decoding: r.body, as: UTF8.self)).utf8)
        r.headers = r.headers.mapValues(scrub)
        return r
    }
}
