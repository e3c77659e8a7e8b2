/// Parses what a person types into a search box into a ``QueryNode``.
///
/// Grammar (lowest precedence first):
///
///     query   := or
///     or      := and ("OR" and)*
///     and     := unary (["AND"] unary)*        bare juxtaposition means AND
///     unary   := ("NOT" | "-") primary | primary
///     primary := "(" or ")" | field ":" primary | "NEAR(" item+ ["," N] ")"
///              | "\"phrase\"" ["~" N] | word ["*"]
///
/// Words without a letter or digit (`-`, `*`, `🙂`) are dropped, as the index's
/// tokenizer would drop them. With ``Mode/any``, bare words are OR-ed instead of
/// AND-ed and common English words are dropped, for long natural-language queries.
///
/// Every query stays within ``QueryLimits``: the nesting level is checked before each
/// recursion (so the parser's stack is bounded whatever the input), `a OR (b OR c)` is
/// flattened to one `OR`, and words, prefixes and distances are counted and checked.
public struct QueryParser {
    /// How bare words are combined.
    public enum Mode: String, Sendable, CaseIterable {
        /// Every bare word is required.
        case all
        /// Any bare word may match; more matches rank higher.
        case any
    }

    /// The most search words a query may have (``QueryLimits/maxTerms``).
    public static let maxTerms = QueryLimits.maxTerms

    let tokens: [QueryLexer.Token]
    private let mode: Mode
    var position = 0
    private var dropped: [String] = []
    private var stopwordsDropped = 0
    private var depth = 0
    private var prefixes = 0

    public static func parse(_ text: String, mode: Mode = .all) throws(QueryError) -> QueryNode {
        let parsed = try parseWithFilters(text, mode: mode)
        guard parsed.filters.isEmpty else { throw .onlyFilters }
        return parsed.query
    }

    /// Parses a query whose top level may hold article filters (`source:bbc`), which
    /// are returned beside the full-text query (``QueryFilters``).
    public static func parseWithFilters(_ text: String, mode: Mode = .all) throws(QueryError)
        -> (query: QueryNode, filters: [ArticleField: [String]]) {
        let (tokens, filters) = try QueryFilters.extract(from: QueryLexer.tokens(text))
        do {
            return (try parse(tokens: tokens, mode: mode), filters)
        } catch .empty where !filters.isEmpty {
            throw .onlyFilters
        }
    }

    private static func parse(tokens: [QueryLexer.Token], mode: Mode) throws(QueryError) -> QueryNode {
        var parser = QueryParser(tokens: tokens, mode: mode)
        let node = try parser.parseOr()
        if parser.position < parser.tokens.count {
            let token = parser.tokens[parser.position]
            if token.kind == .close { throw .unmatchedClose(column: token.column) }
            throw .missingOperand(operator: "\(token.kind)", column: token.column)
        }
        guard let node else {
            if parser.stopwordsDropped > 0 { throw .onlyStopwords }
            if !parser.dropped.isEmpty { throw .nothingSearchable(parser.dropped.joined(separator: " ")) }
            throw .empty
        }
        let terms = node.searchWordCount
        if terms > maxTerms { throw .tooManyTerms(count: terms, limit: maxTerms) }
        if parser.prefixes > QueryLimits.maxPrefixTerms {
            throw .tooManyPrefixes(count: parser.prefixes, limit: QueryLimits.maxPrefixTerms)
        }
        return node
    }

    private init(tokens: [QueryLexer.Token], mode: Mode) {
        self.tokens = tokens
        self.mode = mode
    }

    var current: QueryLexer.Token? { position < tokens.count ? tokens[position] : nil }

    private func startsOperand(_ token: QueryLexer.Token?) -> Bool {
        guard let token else { return false }
        switch token.kind {
        case .word, .phrase, .open, .not, .minus, .field, .near: return true
        case .close, .or, .and, .comma, .filter: return false
        }
    }

    private mutating func parseOr() throws(QueryError) -> QueryNode? {
        var parts: [QueryNode] = []
        if let first = try parseAnd() { parts.append(first) }
        while let token = current, token.kind == .or {
            position += 1
            guard startsOperand(current) else { throw .missingOperand(operator: "OR", column: token.column) }
            if let next = try parseAnd() { parts.append(next) }
        }
        return parts.count <= 1 ? parts.first : .flatOr(parts)
    }

    private mutating func parseAnd() throws(QueryError) -> QueryNode? {
        var parts: [QueryNode] = []
        var explicitAnd = false
        if let token = current, token.kind == .and { throw .missingOperand(operator: "AND", column: token.column) }
        while let token = current {
            switch token.kind {
            case .or, .close: break
            case .comma: position += 1; continue
            case .and:
                position += 1
                guard startsOperand(current) else { throw .missingOperand(operator: "AND", column: token.column) }
                explicitAnd = true
                continue
            default:
                if let node = try parseUnary() { parts.append(node) }
                continue
            }
            break
        }
        if parts.count <= 1 { return parts.first }
        guard mode == .any, !explicitAnd else { return .flatAnd(parts) }
        // Any of the wanted words, none of the excluded ones.
        let excluded = parts.filter { if case .not = $0 { true } else { false } }
        let wanted = parts.filter { if case .not = $0 { false } else { true } }
        if excluded.isEmpty { return .flatOr(parts) }
        if wanted.count <= 1 { return .flatAnd(parts) }
        return .flatAnd([.flatOr(wanted)] + excluded)
    }

    private mutating func parseUnary() throws(QueryError) -> QueryNode? {
        guard let token = current else { return nil }
        if token.kind == .not || token.kind == .minus {
            position += 1
            guard startsOperand(current), current?.kind != .not, current?.kind != .minus else {
                throw .missingOperand(operator: token.kind == .not ? "NOT" : "-", column: token.column)
            }
            return try parsePrimary(excluded: true).map { .not($0) }
        }
        return try parsePrimary(excluded: false)
    }

    private mutating func parsePrimary(excluded: Bool) throws(QueryError) -> QueryNode? {
        guard let token = current else { return nil }
        position += 1
        switch token.kind {
        case .open:
            try enterLevel(token, "(")
            defer { depth -= 1 }
            let inner = try parseOr()
            guard let close = current, close.kind == .close else { throw .unclosedGroup(column: token.column) }
            _ = close
            position += 1
            return inner
        case .close:
            throw .unmatchedClose(column: token.column)
        case .field(let field):
            guard startsOperand(current), current?.kind != .not, current?.kind != .minus else {
                throw .emptyField(field: field.rawValue, column: token.column)
            }
            // Only a field inside a field (`title:author:…`) is a level of its own; on a
            // word or a group (which counts itself) it adds no depth.
            let counted = if case .field? = current?.kind { true } else { false }
            if counted { try enterLevel(token, field.rawValue + ":") }
            defer { if counted { depth -= 1 } }
            return try parsePrimary(excluded: excluded).map { .field(field, $0) }
        case .near:
            return try parseNear(openedAt: token.column)
        case let .phrase(text, proximity):
            let words = Self.whitespaceWords(text).map(String.init).filter(Self.isSearchable)
            guard !words.isEmpty else { dropped.append("\"\(text)\""); return nil }
            if let proximity, words.count > 1 {
                // A proximity phrase is a NEAR group of its words, each one a term.
                return .near(words.map { .term($0, prefix: false) }, distance: proximity)
            }
            return .phrase(words.joined(separator: " "))
        case let .word(word, prefix):
            guard Self.isSearchable(word) else { dropped.append(word); return nil }
            if prefix { try countPrefix(word, at: token.column) }
            if mode == .any, !prefix, !excluded, Stopwords.english.contains(word.lowercased()) {
                stopwordsDropped += 1
                return nil
            }
            return .term(word, prefix: prefix)
        case .or, .and, .not, .minus, .comma:
            throw .missingOperand(operator: "\(token.kind)", column: token.column)
        case let .filter(field, _):
            // ``QueryFilters`` takes every top-level filter out first; one left is misplaced.
            throw .misplacedFilter(field: field.rawValue, column: token.column)
        }
    }

    /// Counts a prefix search, refusing one whose last word is too short to expand cheaply.
    mutating func countPrefix(_ word: String, at column: Int) throws(QueryError) {
        prefixes += 1
        if TokenizerView.lastWordLength(word) < QueryLimits.minPrefixLength {
            throw .prefixTooShort(word: word, column: column, minimum: QueryLimits.minPrefixLength)
        }
    }

    /// Enters one more level of nesting, refusing it before any recursion beyond the limit.
    private mutating func enterLevel(_ token: QueryLexer.Token, _ text: String) throws(QueryError) {
        guard depth < QueryLimits.maxDepth else { throw .tooDeep(token: text, column: token.column, limit: QueryLimits.maxDepth) }
        depth += 1
    }

    /// The words of a phrase's text, split at white space. ASCII text is split on its
    /// bytes (tab to carriage return, and space: what `Character.isWhitespace` is in
    /// ASCII), without breaking it into grapheme clusters first (a sixth of parsing a
    /// quoted phrase, measured).
    static func whitespaceWords(_ text: String) -> [Substring] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(whereSeparator: \.isWhitespace) }
        return text.utf8.split(whereSeparator: { $0 == 0x20 || (0x09...0x0D).contains($0) }).map(Substring.init)
    }

    /// Whether a word has anything the index's tokenizer keeps: a letter, a digit or a
    /// private-use character (unicode61's token classes `L* N* Co`).
    static func isSearchable(_ word: String) -> Bool {
        word.unicodeScalars.contains(where: TokenizerView.isWordCharacter)
    }
}
