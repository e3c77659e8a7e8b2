/// Compiles a ``QueryNode`` into an FTS5 `MATCH` expression.
///
/// Safety invariant: every piece of user text reaches FTS5 inside a double-quoted
/// string with inner quotes doubled, so it is only ever tokenised, never parsed as
/// syntax; all operators, parentheses and column filters are written by this compiler.
/// Every leaf carries a column filter: `{title heading body}` by default (the author
/// column only answers `author:`), or its field's column.
///
/// Examples:
///
///     korea border          →  ({title heading body} : "korea" AND {title heading body} : "border")
///     title:"border closure" →  {title} : "border closure"
///     nuclear -talks         →  ({title heading body} : "nuclear") NOT ({title heading body} : "talks")
public enum FTS5Compiler {
    static let defaultColumns = "title heading body"

    public static func compile(_ node: QueryNode) throws(QueryError) -> String {
        try compile(node, columns: defaultColumns)
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func leaf(_ node: QueryNode) -> String? {
        switch node {
        case let .term(word, prefix): quote(word) + (prefix ? " *" : "")
        case let .phrase(text): quote(text)
        default: nil
        }
    }

    private static func compile(_ node: QueryNode, columns: String) throws(QueryError) -> String {
        switch node {
        case .term, .phrase:
            return "{\(columns)} : " + leaf(node)!
        case let .near(items, distance):
            let inner = items.compactMap(leaf).joined(separator: " ")
            return "{\(columns)} : NEAR(\(inner), \(distance))"
        case let .field(field, child):
            return try compile(child, columns: field.columns)
        case let .or(children):
            var parts: [String] = []
            for child in children {
                if case .not = child { throw .onlyExclusions }
                parts.append(try compile(child, columns: columns))
            }
            return "(" + parts.joined(separator: " OR ") + ")"
        case let .and(children):
            var positives: [String] = []
            var negatives: [String] = []
            for child in children {
                if case let .not(excluded) = child {
                    negatives.append(try compile(excluded, columns: columns))
                } else {
                    positives.append(try compile(child, columns: columns))
                }
            }
            guard !positives.isEmpty else { throw .onlyExclusions }
            var expression = "(" + positives.joined(separator: " AND ") + ")"
            if !negatives.isEmpty { expression += " NOT (" + negatives.joined(separator: " OR ") + ")" }
            return expression
        case .not:
            throw .onlyExclusions
        }
    }
}
