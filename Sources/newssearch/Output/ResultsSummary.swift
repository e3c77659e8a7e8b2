import NewsSearch

/// The last line of a search: how many matched and which are shown, or, when nothing
/// is shown, why and what to try.
///
///     590 matching articles, showing 1–10 (3.4 ms)
///     590 matching articles; page 7 is past the last (59)
///     no article has all of: x y z; try --any, fewer words, or a prefix like word*
struct ResultsSummary {
    /// What the user asked for.
    struct Request {
        var mode: QueryParser.Mode = .all
        var limit = 10
        var offset = 0
        var sectionsOnly = false
        /// The query asks for an author (`author:hurll`), so hits show it as a match.
        var matchesAuthor = false

        init(query: String = "", mode: QueryParser.Mode = .all, limit: Int = 10, offset: Int = 0, sectionsOnly: Bool = false) {
            self.mode = mode
            self.limit = limit
            self.offset = offset
            self.sectionsOnly = sectionsOnly
            matchesAuthor = (try? QueryParser.parseWithFilters(query, mode: mode)).map { Self.asksForAuthor($0.query) } ?? false
        }

        /// Whether `node` matches the author field somewhere other than an exclusion.
        static func asksForAuthor(_ node: QueryNode) -> Bool {
            switch node {
            case .field(.author, _): true
            case .field(_, _), .term, .phrase, .near, .not: false
            case let .and(children), let .or(children): children.contains(where: asksForAuthor)
            }
        }
    }

    var request: Request

    private var noun: String { request.sectionsOnly ? "section" : "article" }

    func line(for results: SearchResults) -> String {
        if let first = results.hits.first, let last = results.hits.last {
            let atLeast = results.totalIsLowerBound ? "at least " : ""
            return "\(atLeast)\(Counted.noun(results.total, "matching \(noun)")), showing \(first.rank)–\(last.rank)"
                + String(format: " (%.1f ms)", results.timings.total * 1000)
        }
        if results.total > 0 {
            let page = request.offset / max(1, request.limit) + 1
            let pages = (results.total + request.limit - 1) / max(1, request.limit)
            return "\(Counted.noun(results.total, "matching \(noun)")); page \(page) is past the last (\(pages))"
        }
        return nothingFound(results.query)
    }

    /// Says what was searched and what might find something.
    func nothingFound(_ query: String) -> String {
        let shown = TerminalText.sanitised(query)
        guard let words = Self.plainWords(query, mode: request.mode) else {
            return "no \(noun) matches \(shown); try fewer or other words, --any, or a prefix like word*"
        }
        if words.count == 1 {
            return "no \(noun) has \(words[0]); try another word or a prefix like word*"
        }
        if request.mode == .any {
            return "no \(noun) has any of: \(words.joined(separator: " ")); try other words or a prefix like word*"
        }
        return "no \(noun) has all of: \(words.joined(separator: " ")); try --any, fewer words, or a prefix like word*"
    }

    /// The words of a query of bare words only (no operator, field, phrase or prefix).
    static func plainWords(_ query: String, mode: QueryParser.Mode) -> [String]? {
        guard let node = try? QueryParser.parse(query, mode: mode) else { return nil }
        let leaves: [QueryNode]
        switch node {
        case .term: leaves = [node]
        case let .and(children), let .or(children): leaves = children
        default: return nil
        }
        var words: [String] = []
        for leaf in leaves {
            guard case let .term(word, prefix: false) = leaf else { return nil }
            words.append(TerminalText.sanitised(word))
        }
        return words
    }
}
