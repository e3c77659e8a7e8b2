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
        case near
        case comma
    }

    struct Token: Equatable {
        var kind: Kind
        /// 1-based character column where the token starts.
        var column: Int
    }

    /// The query's scalars, control characters dropped.
    private var scalars: [Unicode.Scalar] = []
    /// The 1-based column (`Character` of the typed text) of each scalar.
    private var columns: [Int] = []
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
        var column = 0
        for character in text {
            column += 1
            for scalar in character.unicodeScalars
            where !(scalar.properties.generalCategory == .control && !scalar.properties.isWhitespace) {
                scalars.append(scalar)
                columns.append(column)
            }
        }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }
    private static func isQuote(_ scalar: Unicode.Scalar) -> Bool { scalar == "\"" || scalar == "“" || scalar == "”" }

    private func isBoundary(_ scalar: Unicode.Scalar) -> Bool {
        Self.isSpace(scalar) || scalar == "(" || scalar == ")" || Self.isQuote(scalar) || (insideNear && scalar == ",")
    }

    private func text(_ range: Range<Int>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[range])
        return text
    }

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
            default: lexWord()
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

    private mutating func lexWord() {
        let start = index
        var end = index
        var sawColon = false
        while end < scalars.count, !isBoundary(scalars[end]) {
            // Only the first `:` can end a field name (names have no `:`), so the text
            // before it is looked at once, and only when it is short enough to be one.
            if scalars[end] == ":", !sawColon {
                sawColon = true
                if end - start <= 7, let field = QueryField(rawValue: text(start..<end).lowercased()) {
                    emit(.field(field), at: start)
                    index = end + 1
                    return
                }
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
}
