import NewsSearch

/// Lays a snippet out for a terminal: its text sanitised, highlights drawn in a
/// ``HitRenderer/SnippetStyle``, and, given a width, wrapped at word boundaries with
/// every line indented (a hanging indent under the hit's rank).
///
/// A highlight that spans a line break is closed at the end of the line and opened
/// again at the start of the next, so markers and colours never run into the margin.
struct SnippetLayout {
    var style: HitRenderer.SnippetStyle
    /// Columns available, indent included; nil: one line, however long.
    var width: Int?
    var indent = "    "

    /// A piece of text, highlighted or not.
    typealias Segment = (text: String, highlighted: Bool)

    /// The snippet's lines, each with the indent and a trailing newline.
    func render(_ snippet: Snippet) -> String {
        let segments = snippet.runs.map { (TerminalText.sanitised($0.text), $0.highlighted) }
        guard let width, case let room = width - indent.count, room > 0, !isHTML else {
            return indent + draw(segments) + "\n"
        }
        return lines(segments, room: room).map { indent + draw($0) + "\n" }.joined()
    }

    private var isHTML: Bool {
        if case .html = style { true } else { false }
    }

    /// Splits `segments` into lines of at most `room` columns, breaking only at spaces
    /// (a word longer than a line gets a line of its own).
    func lines(_ segments: [Segment], room: Int) -> [[Segment]] {
        // Words, each with whether the space before it lies inside a highlight.
        var words: [(pieces: [Segment], spaceHighlighted: Bool)] = []
        var current: [Segment] = []
        var spaceHighlighted = false
        for segment in segments {
            for (index, piece) in segment.text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                if index > 0 {
                    if !current.isEmpty { words.append((current, spaceHighlighted)) }
                    current = []
                    spaceHighlighted = segment.highlighted
                }
                if !piece.isEmpty { current.append((String(piece), segment.highlighted)) }
            }
        }
        if !current.isEmpty { words.append((current, spaceHighlighted)) }
        var lines: [[Segment]] = []
        var line: [Segment] = []
        var used = 0
        for word in words {
            let length = word.pieces.reduce(0) { $0 + columns($1) }
            if !line.isEmpty, used + 1 + length > room {
                lines.append(line)
                line = []
                used = 0
            }
            if !line.isEmpty {
                line.append((" ", word.spaceHighlighted))
                used += 1
            }
            line += word.pieces
            used += length
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Columns a segment takes: its characters, and the markers around a highlight.
    private func columns(_ segment: Segment) -> Int {
        if segment.highlighted, case let .markers(open, close) = style { return segment.text.count + open.count + close.count }
        return segment.text.count
    }

    /// Segments in the style, neighbours with the same highlighting drawn as one.
    func draw(_ segments: [Segment]) -> String {
        var merged: [Segment] = []
        for segment in segments {
            if let last = merged.last, last.highlighted == segment.highlighted {
                merged[merged.count - 1].text += segment.text
            } else {
                merged.append(segment)
            }
        }
        return merged.map { segment in
            switch style {
            case .plain: segment.text
            case .ansi: segment.highlighted ? "\u{1B}[1;33m\(segment.text)\u{1B}[0m" : segment.text
            case .html: segment.highlighted ? "<mark>\(Snippet.htmlEscaped(segment.text))</mark>" : Snippet.htmlEscaped(segment.text)
            case let .markers(open, close): segment.highlighted ? open + segment.text + close : segment.text
            }
        }.joined()
    }
}
