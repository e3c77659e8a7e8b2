/// NEAR groups: `NEAR(a b "c d", 5)`, the items and the distance within which they
/// must all occur.
extension QueryParser {
    /// Parses a NEAR group's items up to its `)`; the group itself when it has two or
    /// more items, its one item alone, or nil when nothing in it is searchable.
    mutating func parseNear(openedAt column: Int) throws(QueryError) -> QueryNode? {
        var items: [QueryNode] = []
        var distance = 10
        while let token = current, token.kind != .close {
            position += 1
            switch token.kind {
            case let .word(word, prefix) where Self.isSearchable(word):
                if prefix { try countPrefix(word, at: token.column) }
                items.append(.term(word, prefix: prefix))
            case let .phrase(text, _):
                let words = Self.whitespaceWords(text).filter { Self.isSearchable(String($0)) }
                if !words.isEmpty { items.append(.phrase(words.joined(separator: " "))) }
            case .comma:
                if let value = try nearDistance() { distance = value }
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

    /// After a `,` in a NEAR group: the distance, if a number follows (`, 5`); a signed
    /// (`, -5`) or out-of-range (`, 99999999999`) number is an error. Other words after
    /// a comma are items (`NEAR(a, b)`).
    private mutating func nearDistance() throws(QueryError) -> Int? {
        guard let token = current else { return nil }
        var text = ""
        switch token.kind {
        case .minus:
            guard position + 1 < tokens.count, case let .word(number, _) = tokens[position + 1].kind,
                  number.unicodeScalars.first.map({ $0.properties.numericType == .decimal }) == true else { return nil }
            text = "-" + number
        case let .word(number, prefix):
            // `NEAR(vote, 2024*)` asks for a prefix, not a distance.
            guard !prefix, number.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.numericType == .decimal }) else { return nil }
            text = number
            if let value = QueryLexer.distance(number.unicodeScalars) {
                position += 1
                return value
            }
        default:
            return nil
        }
        throw .badDistance(text: text, column: token.column, limit: QueryLimits.maxDistance)
    }
}
