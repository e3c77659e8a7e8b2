/// Takes the article filters (`source:bbc`, `category:sport`, `place:japan`,
/// `lang:en`) out of a query's tokens. A filter narrows the whole query, so it must
/// stand at the top level: not inside parentheses or `NEAR(`, not excluded, not beside
/// `OR`, where it would seem to mean something it does not.
enum QueryFilters {
    static func extract(from tokens: [QueryLexer.Token]) throws(QueryError)
        -> (tokens: [QueryLexer.Token], filters: [ArticleField: [String]]) {
        var kept: [QueryLexer.Token] = []
        var filters: [ArticleField: [String]] = [:]
        var depth = 0
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .open, .near: depth += 1
            case .close: depth = max(0, depth - 1)
            case let .filter(field, value):
                let previous = index > 0 ? tokens[index - 1].kind : nil
                let next = index + 1 < tokens.count ? tokens[index + 1].kind : nil
                let misplaced = depth > 0 || previous == .not || previous == .minus || previous == .or || next == .or
                    || { if case .field = previous { true } else { false } }()
                if misplaced { throw .misplacedFilter(field: field.rawValue, column: token.column) }
                filters[field, default: []].append(value)
                continue
            default: break
            }
            kept.append(token)
        }
        return (kept, filters)
    }
}
