/// A short passage of a section with the parts that matched the query marked.
///
/// A snippet is data, not markup: ``text`` plus ``highlights``, half-open UTF-8 byte
/// ranges into `text` (as ripgrep's JSON reports them), sorted and non-overlapping.
/// Renderers (`Snippet+ANSI`, `Snippet+HTML`, `Snippet+Markers`) live at the edge.
public struct Snippet: Sendable, Equatable, Codable {
    public var text: String
    public var highlights: [Range<Int>]

    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    /// The highlighted substrings, in order (handy in tests and for scripts).
    public var highlightedTexts: [String] {
        let bytes = Array(text.utf8)
        return highlights.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// Splits the text into runs, each marked as highlighted or not.
    public var runs: [(text: Substring, highlighted: Bool)] {
        var runs: [(Substring, Bool)] = []
        let utf8 = text.utf8
        var cursor = 0
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        for range in highlights {
            if range.lowerBound > cursor { runs.append((text[index(cursor)..<index(range.lowerBound)], false)) }
            runs.append((text[index(range.lowerBound)..<index(range.upperBound)], true))
            cursor = range.upperBound
        }
        if cursor < utf8.count { runs.append((text[index(cursor)...], false)) }
        return runs
    }
}

/// A place in a section's text where a query phrase matched: a UTF-8 byte range and
/// the index of the phrase in the compiled query.
public struct MatchSpan: Sendable, Equatable, Hashable {
    public var range: Range<Int>
    public var phrase: Int

    public init(range: Range<Int>, phrase: Int) {
        self.range = range
        self.phrase = phrase
    }
}
