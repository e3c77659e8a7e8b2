import Foundation

/// Splits query text into tokens: words, quoted phrases, parentheses and operators.
///
/// Rules: whitespace separates; `"…"` and `“…”` quote a phrase (an unclosed quote runs
/// to the end); `(` and `)` group; `OR`, `AND`, `NOT` in capitals are operators
/// (lowercase `or` is a word); a leading `-` excludes; a trailing `*` asks for a
/// prefix; `title:`, `heading:`, `body:`, `author:` restrict to a field; `NEAR(` opens a
/// proximity group (inside it `,` separates); `"…"~N` is a proximity phrase. Control
/// characters are dropped.
///
/// The lexer works on Unicode scalars, not `Character`s: a `"` followed by a combining
/// mark is one `Character` but still a quote, exactly as FTS5 (which reads bytes) sees
/// it. Every scalar is looked at a bounded number of times, so lexing is linear; text
/// longer than ``QueryLimits/maxBytes`` is refused before any work.
struct QueryLexer {
    enum Kind: Equatable {
        case word(String, prefix: Bool)
        case phrase(String, proximity: Int?)
        case open
        case close
        case or
        case and
        case not
        case minus
        case field(QueryField)
        /// An article filter (`source:bbc`, `category:"oil prices"`), not a full-text field.
        case filter(ArticleField, String)
        case near
        case comma
    }

    struct Token: Equatable {
        var kind: Kind
        /// 1-based character column where the token starts.
        var column: Int
    }

    /// The query's scalars, control characters dropped, and the 1-based column
    /// (`Character` of the typed text) of each (``QueryScalars``).
    private let input: QueryScalars
    private let scalars: [Unicode.Scalar]
    private let columns: [Int]
    private var index = 0
    private var tokens: [Token] = []
    private var insideNear = false

    static func tokens(_ text: String) throws(QueryError) -> [Token] {
        let bytes = text.utf8.count
        guard bytes <= QueryLimits.maxBytes else { throw .tooLong(bytes: bytes, limit: QueryLimits.maxBytes) }
        var lexer = QueryLexer(text)
        try lexer.run()
        return lexer.tokens
    }

    private init(_ text: String) {
        input = QueryScalars(text)
        scalars = input.scalars
        columns = input.columns
    }

    /// Control characters other than white space are dropped. ASCII is answered without
    /// the Unicode property tables (a search's whole parse took 6 µs with them).
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (scalar.value < 0x20 || scalar.value == 0x7F) && !isSpace(scalar) }
        return scalar.properties.generalCategory == .control && !scalar.properties.isWhitespace
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }
    private static func isQuote(_ scalar: Unicode.Scalar) -> Bool { scalar == "\"" || scalar == "“" || scalar == "”" }

    private func isBoundary(_ scalar: Unicode.Scalar) -> Bool {
        Self.isSpace(scalar) || scalar == "(" || scalar == ")" || Self.isQuote(scalar) || (insideNear && scalar == ",")
    }

    private func text(_ range: Range<Int>) -> String { input.text(range) }

    private mutating func emit(_ kind: Kind, at position: Int) {
        tokens.append(Token(kind: kind, column: columns[position]))
    }

    private mutating func run() throws(QueryError) {
        while index < scalars.count {
            let scalar = scalars[index]
            if Self.isSpace(scalar) { index += 1; continue }
            switch scalar {
            case "(": emit(.open, at: index); index += 1
            case ")": emit(.close, at: index); index += 1; insideNear = false
            case ",": emit(.comma, at: index); index += 1
            case _ where Self.isQuote(scalar): try lexPhrase()
            case "-" where startsExclusion(): emit(.minus, at: index); index += 1
            default: try lexWord()
            }
        }
    }

    /// Whether the `-` at `index` excludes what follows (`-word`, `-"…"`, `-(…)`) rather
    /// than being part of a word (`multi-agent`, `--`).
    private func startsExclusion() -> Bool {
        guard index + 1 < scalars.count else { return false }
        let next = scalars[index + 1]
        if next == "\"" || next == "(" || next == "“" { return true }
        return !isBoundary(next) && next != "-" && (tokens.isEmpty || index == 0 || isBoundary(scalars[index - 1]))
    }

    private mutating func lexPhrase() throws(QueryError) {
        let start = index
        var end = index + 1
        while end < scalars.count, !Self.isQuote(scalars[end]) { end += 1 }
        let phrase = text((start + 1)..<end)
        index = min(end + 1, scalars.count)
        var proximity: Int?
        if index < scalars.count, scalars[index] == "~" {
            let tilde = index
            var stop = index + 1
            while stop < scalars.count, !isBoundary(scalars[stop]), scalars[stop] != "," { stop += 1 }
            proximity = Self.distance(scalars[(tilde + 1)..<stop])
            guard proximity != nil else {
                throw .badDistance(text: text(tilde..<stop), column: columns[tilde], limit: QueryLimits.maxDistance)
            }
            index = stop
        }
        emit(.phrase(phrase, proximity: proximity), at: start)
    }

    /// The value of a NEAR distance written as ASCII digits, if it is one from 0 to
    /// ``QueryLimits/maxDistance``.
    static func distance<Digits: Collection<Unicode.Scalar>>(_ digits: Digits) -> Int? {
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.properties.numericType == .decimal })
        else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1.value - 48) }
        return value <= QueryLimits.maxDistance ? value : nil
    }

    private mutating func lexWord() throws(QueryError) {
        let start = index
        var end = index
        var sawColon = false
        while end < scalars.count, !isBoundary(scalars[end]) {
            // Only the first `:` can end a field name (names have no `:`), so the text
            // before it is looked at once, and only when it is short enough to be one.
            if scalars[end] == ":", !sawColon {
                sawColon = true
                if end - start <= 8 {
                    let name = text(start..<end).lowercased()
                    if let field = QueryField(rawValue: name) {
                        emit(.field(field), at: start)
                        index = end + 1
                        return
                    }
                    if let filter = Self.filterFields[name] {
                        try lexFilter(filter, name: name, start: start, colon: end)
                        return
                    }
                }
                try rejectUnknownField(start: start, colon: end)
            }
            end += 1
        }
        var trailingCommas = 0
        while end - trailingCommas > start + 1, scalars[end - trailingCommas - 1] == "," { trailingCommas += 1 }
        let wordEnd = end - trailingCommas
        index = end
        let word = text(start..<wordEnd)
        if word == "NEAR", trailingCommas == 0, end < scalars.count, scalars[end] == "(" {
            emit(.near, at: start)
            insideNear = true
            index = end + 1
            return
        }
        switch word {
        case "OR", "|": emit(.or, at: start)
        case "AND", "&": emit(.and, at: start)
        case "NOT": emit(.not, at: start)
        default:
            var stem = wordEnd
            while stem - start > 1, scalars[stem - 1] == "*" { stem -= 1 }
            emit(.word(stem < wordEnd ? text(start..<stem) : word, prefix: stem < wordEnd), at: start)
        }
        for comma in wordEnd..<end { emit(.comma, at: comma) }
    }

    /// The article filters the query language has; `author:` stays a full-text field.
    static let filterFields: [String: ArticleField] = ["source": .source, "category": .category, "place": .place, "lang": .lang]

    /// Every `name:` the query language knows, for the message about an unknown one.
    static var knownFieldNames: [String] { QueryField.allCases.map(\.rawValue) + ["source", "category", "place", "lang"] }

    /// `source:bbc`, `category:"oil prices"`: the value up to the next space, or quoted.
    private mutating func lexFilter(_ field: ArticleField, name: String, start: Int, colon: Int) throws(QueryError) {
        var valueStart = colon + 1
        var valueEnd = valueStart
        if valueStart < scalars.count, Self.isQuote(scalars[valueStart]) {
            valueStart += 1
            valueEnd = valueStart
            while valueEnd < scalars.count, !Self.isQuote(scalars[valueEnd]) { valueEnd += 1 }
            index = min(valueEnd + 1, scalars.count)
        } else {
            while valueEnd < scalars.count, !isBoundary(scalars[valueEnd]) { valueEnd += 1 }
            index = valueEnd
        }
        let value = text(valueStart..<valueEnd).trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw .emptyField(field: name, column: columns[start]) }
        emit(.filter(field, value), at: start)
    }

    /// `date:1987`, `foo:bar`: a name of letters before `:` and text right after it is
    /// a field the user expects to exist; say which exist instead of searching words.
    /// (`10:30`, `http://…`, `Note: …` stay words.)
    private func rejectUnknownField(start: Int, colon: Int) throws(QueryError) {
        let name = scalars[start..<colon]
        guard name.count >= 2, name.count <= 20, name.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }),
              colon + 1 < scalars.count, !isBoundary(scalars[colon + 1]), scalars[colon + 1] != "/", scalars[colon + 1] != ":"
        else { return }
        throw .unknownField(field: text(start..<colon), column: columns[start], known: Self.knownFieldNames)
    }
}
