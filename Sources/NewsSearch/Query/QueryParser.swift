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
public struct QueryParser {
    /// How bare words are combined.
    public enum Mode: String, Sendable, CaseIterable {
        /// Every bare word is required.
        case all
        /// Any bare word may match; more matches rank higher.
        case any
    }

    /// The most leaf terms a query may have.
    public static let maxTerms = 512

    private let tokens: [QueryLexer.Token]
    private let mode: Mode
    private var position = 0
    private var dropped: [String] = []
    private var stopwordsDropped = 0

    public static func parse(_ text: String, mode: Mode = .all) throws(QueryError) -> QueryNode {
        var parser = QueryParser(tokens: QueryLexer.tokens(text), mode: mode)
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
        let terms = node.leafCount
        if terms > maxTerms { throw .tooManyTerms(count: terms, limit: maxTerms) }
        return node
    }

    private init(tokens: [QueryLexer.Token], mode: Mode) {
        self.tokens = tokens
        self.mode = mode
    }

    private var current: QueryLexer.Token? { position < tokens.count ? tokens[position] : nil }

    private func startsOperand(_ token: QueryLexer.Token?) -> Bool {
        guard let token else { return false }
        switch token.kind {
        case .word, .phrase, .open, .not, .minus, .field, .near: return true
        case .close, .or, .and, .comma: return false
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
        return parts.count <= 1 ? parts.first : .or(parts)
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
        guard mode == .any, !explicitAnd else { return .and(parts) }
        // Any of the wanted words, none of the excluded ones.
        let excluded = parts.filter { if case .not = $0 { true } else { false } }
        let wanted = parts.filter { if case .not = $0 { false } else { true } }
        if excluded.isEmpty { return .or(parts) }
        if wanted.count <= 1 { return .and(parts) }
        return .and([.or(wanted)] + excluded)
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
            return try parsePrimary(excluded: excluded).map { .field(field, $0) }
        case .near:
            return try parseNear(openedAt: token.column)
        case let .phrase(text, proximity):
            let words = text.split(whereSeparator: \.isWhitespace).map(String.init).filter(Self.isSearchable)
            guard !words.isEmpty else { dropped.append("\"\(text)\""); return nil }
            if let proximity, words.count > 1 {
                return .near(words.map { .term($0, prefix: false) }, distance: proximity)
            }
            return .phrase(words.joined(separator: " "))
        case let .word(word, prefix):
            guard Self.isSearchable(word) else { dropped.append(word); return nil }
            if mode == .any, !prefix, !excluded, Stopwords.english.contains(word.lowercased()) {
                stopwordsDropped += 1
                return nil
            }
            return .term(word, prefix: prefix)
        case .or, .and, .not, .minus, .comma:
            throw .missingOperand(operator: "\(token.kind)", column: token.column)
        }
    }

    private mutating func parseNear(openedAt column: Int) throws(QueryError) -> QueryNode? {
        var items: [QueryNode] = []
        var distance = 10
        while let token = current, token.kind != .close {
            position += 1
            switch token.kind {
            case let .word(word, prefix) where Self.isSearchable(word):
                items.append(.term(word, prefix: prefix))
            case let .phrase(text, _):
                let words = text.split(whereSeparator: \.isWhitespace).filter { Self.isSearchable(String($0)) }
                if !words.isEmpty { items.append(.phrase(words.joined(separator: " "))) }
            case .comma:
                if case let .word(number, _)? = current?.kind, let value = Int(number) {
                    distance = min(max(value, 0), 10_000)
                    position += 1
                }
            default:
                continue
            }
        }
        guard current?.kind == .close else { throw .unclosedGroup(column: column) }
        position += 1
        switch items.count {
        case 0: return nil
        case 1: return items[0]
        default: return .near(items, distance: distance)
        }
    }

    /// Whether a word has anything the index's tokenizer keeps: a letter, a digit or a
    /// private-use character (unicode61's token classes `L* N* Co`).
    static func isSearchable(_ word: String) -> Bool {
        word.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber, .privateUse: true
            default: false
            }
        }
    }
}

extension QueryNode {
    /// Number of term and phrase leaves.
    var leafCount: Int {
        switch self {
        case .term, .phrase: 1
        case .near(let items, _): items.count
        case .and(let children), .or(let children): children.reduce(0) { $0 + $1.leafCount }
        case .not(let child), .field(_, let child): child.leafCount
        }
    }
}
